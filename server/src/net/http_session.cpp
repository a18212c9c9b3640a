#include "net/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/websocket.hpp>

#include "http/util.hpp"
#include "log.hpp"
#include "net/fail.hpp"
#include "store/ids.hpp"
#include "net/websocket_session.hpp"

namespace chitchat::server {
namespace {

namespace net = boost::asio;
namespace websocket = beast::websocket;

constexpr auto body_timeout = std::chrono::seconds(120);   // an upload body
constexpr auto linger_timeout = std::chrono::seconds(5);   // draining a refused body
constexpr std::size_t header_limit = 16 * 1024;
constexpr std::size_t plain_body_limit = 64 * 1024;        // anything but an upload
constexpr std::size_t linger_limit = 64 * 1024 * 1024;

}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket&& socket, Services& services, ConnectionSlot slot)
    : stream_(std::move(socket)), services_(services), slot_(std::move(slot)) {}

void HttpSession::run() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

Caller HttpSession::caller_for(const Request& req) const {
    if (auto sid = session_id_from(req[http::field::cookie])) return Caller{std::move(*sid), std::nullopt};
    const bool secure = services_.config.trust_proxy && req["X-Forwarded-Proto"] == "https";
    std::string sid = random_id();
    std::string cookie = session_cookie_header(sid, secure);
    return Caller{std::move(sid), std::move(cookie)};
}

void HttpSession::do_read() {
    parser_.emplace();
    parser_->header_limit(header_limit);
    parser_->body_limit(boost::none);  // set per route once the header is in
    stream_.expires_after(services_.config.header_timeout);  // slow headers (slowloris) are cut off
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::on_header, shared_from_this()));
}

void HttpSession::on_header(beast::error_code ec, std::size_t) {
    if (is_normal_end(ec)) return do_close();
    if (ec) {
        const unsigned version = 11;
        return send(error_response(http::status::bad_request, "bad_request", "malformed request: " + ec.message(),
                                   version, false),
                    true);
    }
    const Request& req = parser_->get();
    caller_ = caller_for(req);
    if (websocket::is_upgrade(req)) return upgrade();
    if (req.method() == http::verb::post && is_upload(req)) {
        const auto length = parser_->content_length();
        if (auto refused = refuse_early(req, length ? std::optional(*length) : std::nullopt, caller_, services_.http)) {
            if (caller_.set_cookie) refused->set(http::field::set_cookie, *caller_.set_cookie);
            linger_ = !parser_->is_done();
            return send(std::move(*refused), true);
        }
        parser_->body_limit(upload_body_limit(services_.config));
    } else {
        parser_->body_limit(plain_body_limit);
    }
    stream_.expires_after(body_timeout);
    if (beast::iequals(req[http::field::expect], "100-continue")) {  // curl waits for this before sending
        static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
        return net::async_write(stream_, net::buffer(go_on.data(), go_on.size()),
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (ec) return self->do_close();
                                    self->read_body();
                                });
    }
    read_body();
}

void HttpSession::read_body() {
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
    const Request& req = parser_->get();
    if (ec == http::error::body_limit) {
        linger_ = true;
        const bool upload = is_upload(req);
        auto res = error_response(upload ? http::status::payload_too_large : http::status::bad_request,
                                  upload ? "too_large" : "bad_request",
                                  upload ? "uploads are limited to " + std::to_string(services_.config.max_upload_mb) + " MiB"
                                         : "request body too large",
                                  req.version(), false);
        if (caller_.set_cookie) res.set(http::field::set_cookie, *caller_.set_cookie);
        return send(std::move(res), true);
    }
    if (ec) {
        fail(ec, "HTTP read");
        return do_close();
    }
    send(handle_request(req, caller_, services_.http));
}

void HttpSession::upgrade() {
    const Request& req = parser_->get();
    const std::string_view path = req.target().substr(0, req.target().find('?'));
    std::optional<StringResponse> refused;
    const std::optional<int> version = requested_version(req.target());
    if (path != "/ws") {
        refused = error_response(http::status::not_found, "not_found", "the WebSocket is at /ws", req.version(), false);
    } else if (!version) {
        refused = error_response(http::status::bad_request, "bad_request",
                                 "unknown protocol version: /ws speaks 1, /ws?v=2 speaks 2", req.version(), false);
    } else {
        const auto origin = req.find(http::field::origin);
        const std::optional<std::string_view> o =
            origin == req.end() ? std::nullopt : std::optional<std::string_view>(origin->value());
        if (!origin_allowed(o, req[http::field::host], services_.config.allow_origins)) {
            log::warn("refused a WebSocket from origin " + std::string(*o));
            refused = error_response(http::status::forbidden, "forbidden", "cross-origin WebSocket refused",
                                     req.version(), false);
        }
    }
    if (!refused && services_.config.trust_proxy) {
        // Behind a proxy every connection comes from the proxy: the cap counts the client's
        // address, the last one the proxy added to X-Forwarded-For.
        if (const auto client = forwarded_for(req["X-Forwarded-For"])) {
            auto slot = services_.limit.acquire(client->to_string(), client->is_loopback());
            if (!slot)
                refused = error_response(http::status::too_many_requests, "too_many_connections",
                                         "too many open connections from your address", req.version(), false);
            else
                slot_ = std::move(slot);  // the proxy's own place is given back
        }
    }
    if (refused) return send(std::move(*refused), true);
    stream_.expires_never();
    std::make_shared<WebsocketSession>(stream_.release_socket(), services_.hub, services_.flusher, caller_.sid,
                                       *version, std::move(slot_))
        ->run(parser_->release(), caller_.set_cookie);
}

void HttpSession::send(Response response, bool close_after) {
    response_ = std::move(response);
    std::visit(
        [&](auto& res) {
            if (close_after) res.keep_alive(false);
            const bool keep_alive = res.keep_alive();
            http::async_write(stream_, res,
                              beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), keep_alive));
        },
        response_);
}

void HttpSession::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) {
        fail(ec, "HTTP write");
        return do_close();
    }
    response_ = StringResponse{};
    if (!keep_alive) return linger_ ? do_linger() : do_close();
    do_read();
}

// After refusing a request whose body was not read, read and drop what the client still sends
// for a moment, so that it sees our answer instead of a connection reset.
void HttpSession::do_linger() {
    beast::error_code ec;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    stream_.expires_after(linger_timeout);
    stream_.async_read_some(net::buffer(scratch_), beast::bind_front_handler(&HttpSession::on_linger, shared_from_this()));
}

void HttpSession::on_linger(beast::error_code ec, std::size_t bytes) {
    lingered_bytes_ += bytes;
    if (ec || lingered_bytes_ > linger_limit) return do_close();
    stream_.async_read_some(net::buffer(scratch_), beast::bind_front_handler(&HttpSession::on_linger, shared_from_this()));
}

void HttpSession::do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    stream_.close();
}

}  // namespace chitchat::server
