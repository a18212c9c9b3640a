#include "http/routes.hpp"

#include <sys/stat.h>

#include "chitchat/protocol.hpp"
#include "chitchat/upload_kinds.hpp"
#include "http/util.hpp"
#include "store/ids.hpp"
#include "log.hpp"
#include "http/multipart.hpp"
#include "http/upload_types.hpp"
#include "chitchat/url.hpp"

namespace chitchat::server {
namespace {

constexpr std::uint64_t multipart_slack = 64 * 1024;  // framing allowed on top of the file size

StringResponse json_response(http::status status, std::string body, const Request& req) {
    StringResponse res{status, req.version()};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

StringResponse error_for(const Request& req, http::status status, std::string_view code, std::string_view message) {
    return error_response(status, code, message, req.version(), req.keep_alive());
}

std::string entity_tag(std::uint64_t size, const struct stat& st) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                  static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ull +
                      static_cast<unsigned long long>(st.st_mtim.tv_nsec));
    return buf;
}

// A file from disk with its headers; HEAD gets the headers only, a matching ETag a 304.
Response file_response(const Request& req, const std::filesystem::path& path, std::string_view content_type,
                       const std::function<void(http::fields&)>& decorate) {
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return error_for(req, http::status::not_found, "not_found", "no such file");
    const std::string etag = entity_tag(static_cast<std::uint64_t>(st.st_size), st);
    auto headers = [&](auto& res) {
        res.set(http::field::content_type, content_type);
        res.set(http::field::etag, etag);
        res.keep_alive(req.keep_alive());
        decorate(res);
    };
    if (req[http::field::if_none_match] == etag || req.method() == http::verb::head) {
        EmptyResponse res{req.method() == http::verb::head ? http::status::ok : http::status::not_modified,
                          req.version()};
        headers(res);
        if (res.result() == http::status::ok) res.content_length(static_cast<std::uint64_t>(st.st_size));
        return res;
    }
    FileResponse res{http::status::ok, req.version()};
    headers(res);
    boost::beast::error_code ec;
    res.body().open(path.c_str(), boost::beast::file_mode::scan, ec);
    if (ec) return error_for(req, http::status::not_found, "not_found", "no such file");
    res.prepare_payload();
    return res;
}

Response serve_static(const Request& req, const HttpContext& ctx) {
    auto path = resolve_path(ctx.config.web_root, req.target());
    if (!path) return error_for(req, http::status::bad_request, "bad_request", "malformed path");
    std::error_code ec;
    if (std::filesystem::is_directory(*path, ec)) *path /= "index.html";
    // Rebuilt files keep their names: browsers revalidate everything with the ETag.
    return file_response(req, *path, mime_type(*path),
                         [](http::fields& res) { res.set(http::field::cache_control, "no-cache"); });
}

Response serve_upload(const Request& req, std::string_view id, std::string_view raw_name, HttpContext& ctx) {
    const auto record = ctx.uploads.find(id);
    const auto name = percent_decode(raw_name);
    if (!record || !name || *name != record->file.name)
        return error_for(req, http::status::not_found, "not_found", "no such upload");
    const auto type = uploads::type_for(record->file.name);
    const std::string content_type = type ? std::string(type->content_type) : "application/octet-stream";
    const bool inline_display = type && type->inline_display;
    const std::string disposition = std::string(inline_display ? "inline" : "attachment") +
                                    "; filename*=UTF-8''" + percent_encode(record->file.name);
    return file_response(req, ctx.uploads.path_of(record->file.id), content_type, [&](http::fields& res) {
        res.set("X-Content-Type-Options", "nosniff");
        res.set(http::field::content_disposition, disposition);
        res.set("Content-Security-Policy", "sandbox");
        res.set(http::field::cache_control, "private, max-age=31536000, immutable");
    });
}

Response receive_upload(const Request& req, const Caller& caller, HttpContext& ctx) {
    if (auto refused = refuse_early(req, req.body().size(), caller, ctx)) return std::move(*refused);
    const auto boundary = multipart::boundary_of(req[http::field::content_type]);
    if (!boundary)
        return error_for(req, http::status::bad_request, "bad_request", "expected multipart/form-data with a boundary");
    auto parts = multipart::parse(req.body(), *boundary);
    if (!parts) return error_for(req, http::status::bad_request, "bad_request", "malformed multipart body: " + parts.error());
    const multipart::Part* file = nullptr;
    for (const auto& part : *parts)
        if (part.name == "file" && part.filename && !file) file = &part;
    if (!file) return error_for(req, http::status::bad_request, "bad_request", "missing the form field \"file\"");

    const std::string name = uploads::sanitize_name(*file->filename);
    const auto type = uploads::type_for(name);
    if (!type) return error_for(req, http::status::unsupported_media_type, "unsupported_type", allowed_uploads_message);
    if (file->content.size() > ctx.config.max_upload_bytes())
        return error_for(req, http::status::payload_too_large, "too_large",
                         "uploads are limited to " + std::to_string(ctx.config.max_upload_mb) + " MiB");
    if (!uploads::content_matches(*type, file->content))
        return error_for(req, http::status::unsupported_media_type, "unsupported_type",
                         "the content does not match the file extension");
    try {
        const auto record = ctx.uploads.save(file->content, name, type->mime, caller.sid);
        return json_response(http::status::created, proto::encode(record.file), req);
    } catch (const std::exception& e) {
        log::error(std::string("storing an upload failed: ") + e.what());
        return error_for(req, http::status::internal_server_error, "server_error", "the upload could not be stored");
    }
}

void add_cookie(Response& res, const Caller& caller) {
    if (caller.set_cookie) std::visit([&](auto& r) { r.set(http::field::set_cookie, *caller.set_cookie); }, res);
}

// A page served from an origin the operator allowed (emrun while developing) may upload and
// load previews with its cookie.
void allow_cross_origin(Response& res, const Request& req, const Config& config) {
    const auto origin = req.find(http::field::origin);
    if (origin == req.end() || !origin_allowed(std::string_view(origin->value()), "", config.allow_origins)) return;
    std::visit(
        [&](auto& r) {
            r.set(http::field::access_control_allow_origin, origin->value());
            r.set(http::field::access_control_allow_credentials, "true");
            r.set(http::field::vary, "Origin");
        },
        res);
}

}  // namespace

StringResponse error_response(http::status status, std::string_view code, std::string_view message,
                              unsigned version, bool keep_alive) {
    StringResponse res{status, version};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(keep_alive);
    res.body() = proto::encode(proto::HttpError{std::string(code), std::string(message)});
    res.prepare_payload();
    return res;
}

bool is_upload(const Request& req) {
    return req.target().substr(0, req.target().find('?')) == "/api/uploads";
}

std::uint64_t upload_body_limit(const Config& config) { return config.max_upload_bytes() + multipart_slack; }

std::optional<StringResponse> refuse_early(const Request& req, std::optional<std::uint64_t> content_length,
                                           const Caller& caller, HttpContext& ctx) {
    if (!ctx.display_name(caller.sid))
        return error_for(req, http::status::unauthorized, "name_required", "set a display name before uploading");
    if (content_length && *content_length > upload_body_limit(ctx.config))
        return error_for(req, http::status::payload_too_large, "too_large",
                         "uploads are limited to " + std::to_string(ctx.config.max_upload_mb) + " MiB");
    return std::nullopt;
}

Response handle_request(const Request& req, const Caller& caller, HttpContext& ctx) {
    Response res = [&]() -> Response {
        const std::string_view target = req.target();
        const std::string_view path = target.substr(0, target.find('?'));
        if (req.method() == http::verb::post && path == "/api/uploads") return receive_upload(req, caller, ctx);
        if (req.method() != http::verb::get && req.method() != http::verb::head)
        {
            auto res = error_for(req, http::status::method_not_allowed, "method_not_allowed",
                                 "GET, HEAD, or POST /api/uploads");
            res.set(http::field::allow, "GET, HEAD");
            return res;
        }
        if (path == "/healthz") return json_response(http::status::ok, R"({"status":"ok"})", req);
        if (path.starts_with("/uploads/")) {
            const std::string_view rest = path.substr(9);
            const std::size_t slash = rest.find('/');
            if (slash == std::string_view::npos || !is_id(rest.substr(0, slash)) ||
                rest.find('/', slash + 1) != std::string_view::npos)
                return error_for(req, http::status::not_found, "not_found", "no such upload");
            return serve_upload(req, rest.substr(0, slash), rest.substr(slash + 1), ctx);
        }
        if (path == "/api/uploads")
            return error_for(req, http::status::method_not_allowed, "method_not_allowed", "POST an upload here");
        return serve_static(req, ctx);
    }();
    add_cookie(res, caller);
    allow_cross_origin(res, req, ctx.config);
    // HEAD: the headers of the GET answer, without its body.
    if (auto* s = std::get_if<StringResponse>(&res); s && req.method() == http::verb::head) {
        EmptyResponse head{s->result(), s->version()};
        head.base() = s->base();
        head.content_length(s->body().size());
        return head;
    }
    return res;
}

}  // namespace chitchat::server
