// The one place that maps protocol types to JSON and back. Each message's fields are described
// once, by a `fields` function that both the writer and the checked reader walk; its wire name
// is its `type` member. Decoding is exception-free: nlohmann's non-throwing parse, then checked
// access to every field.
#include <cmath>
#include <concepts>
#include <type_traits>

#include "json_values.hpp"

#include "chitchat/protocol.hpp"
#include "chitchat/text.hpp"

namespace chitchat::proto {
namespace {

using namespace json_values;

// `M` is `T` or `const T`: one description serves reading (T) and writing (const T).
template <class M, class T>
concept Is = std::same_as<std::remove_const_t<M>, T>;

// ---------------------------------------------------------------- the fields of each message
// io.req(key, value): always present; io.opt(key, optional): absent when empty;
// io.nullable(key, optional): `null` when empty.

template <class Io, Is<SetName> M> void fields(Io& io, M& m) { io.req("name", m.name); }
template <class Io, Is<CreateChannel> M> void fields(Io& io, M& m) { io.req("name", m.name); }
template <class Io, Is<Join> M> void fields(Io& io, M& m) { io.req("channel", m.channel).opt("after", m.after); }
template <class Io, Is<Send> M> void fields(Io& io, M& m) {
    io.req("channel", m.channel).req("body", m.body).req("client_id", m.client_id).opt("attachment_id", m.attachment_id)
        .opt("reply_to", m.reply_to);
}
template <class Io, Is<Edit> M> void fields(Io& io, M& m) {
    io.req("channel", m.channel).req("id", m.id).req("body", m.body).req("client_id", m.client_id);
}
template <class Io, Is<Delete> M> void fields(Io& io, M& m) {
    io.req("channel", m.channel).req("id", m.id).req("client_id", m.client_id);
}
template <class Io, Is<React> M> void fields(Io& io, M& m) {
    io.req("channel", m.channel).req("id", m.id).req("emoji", m.emoji).req("on", m.on).req("client_id", m.client_id);
}
template <class Io, Is<Ping> M> void fields(Io& io, M& m) { io.req("t", m.t); }
template <class Io, Is<History> M> void fields(Io& io, M& m) {
    io.req("channel", m.channel).opt("before", m.before).opt("around", m.around).opt("limit", m.limit);
}
template <class Io, Is<Search> M> void fields(Io& io, M& m) {
    io.req("q", m.q).opt("channel", m.channel).opt("before", m.before).opt("before_ts", m.before_ts);
}

template <class Io, Is<Welcome> M> void fields(Io& io, M& m) {
    io.req("protocol", m.protocol).nullable("user", m.user).req("channels", m.channels).req("channel", m.channel)
        .req("online", m.online).opt("max_upload_bytes", m.max_upload_bytes).opt("dms", m.dms)
        .opt("people", m.people).opt("read", m.read);
}
template <class Io, Is<Session> M> void fields(Io& io, M& m) { io.req("user", m.user); }
template <class Io, Is<Joined> M> void fields(Io& io, M& m) {
    io.req("channel", m.channel).req("messages", m.messages).opt("updates", m.updates).req("gap", m.gap)
        .opt("last_id", m.last_id);
}
template <class Io, Is<HistoryPage> M> void fields(Io& io, M& m) {
    io.req("channel", m.channel).req("messages", m.messages).req("more", m.more);
}
template <class Io, Is<SearchResults> M> void fields(Io& io, M& m) {
    io.req("q", m.q).req("results", m.results).req("more", m.more);
}
template <class Io, Is<NewMessage> M> void fields(Io& io, M& m) { io.req("message", m.message); }
template <class Io, Is<Update> M> void fields(Io& io, M& m) {
    io.req("id", m.id).req("message", m.message).opt("client_id", m.client_id);
}
template <class Io, Is<Channels> M> void fields(Io& io, M& m) { io.req("channels", m.channels); }
template <class Io, Is<Online> M> void fields(Io& io, M& m) { io.req("count", m.count); }
template <class Io, Is<Pong> M> void fields(Io& io, M& m) { io.req("t", m.t); }
template <class Io, Is<ErrorReply> M> void fields(Io& io, M& m) {
    io.req("code", m.code).req("message", m.message).opt("ref", m.ref).opt("client_id", m.client_id);
}

// ---------------------------------------------------------------- writing

json value(double t) {  // whole numbers stay integers on the wire (1700000000000, not 1.7e12)
    if (std::trunc(t) == t && std::fabs(t) < 9007199254740992.0) return static_cast<std::int64_t>(t);
    return t;
}
json value(ErrorCode code) { return to_string(code); }
template <class T>
json value(const T& v) {
    if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, std::string>) return v;  // bool included
    else return to_json(v);
}

struct Writer {
    json j;
    template <class T>
    Writer& req(const char* key, const T& v) {
        j[key] = value(v);
        return *this;
    }
    template <class T>
    Writer& opt(const char* key, const std::optional<T>& v) {
        if (v) j[key] = value(*v);
        return *this;
    }
    template <class T>
    Writer& nullable(const char* key, const std::optional<T>& v) {
        j[key] = v ? value(*v) : json(nullptr);
        return *this;
    }
};

template <class T>
std::string write(const T& m) {
    Writer w{{{"type", T::type}}};
    fields(w, m);
    return dump(w.j);
}

// ---------------------------------------------------------------- reading

// Fields reads `null` and absence alike as empty, so a nullable field reads as an optional one.
struct Reader : Fields {
    using Fields::Fields;
    template <class T>
    Reader& req(const char* key, T& out) { return static_cast<Reader&>(Fields::req(key, out)); }
    template <class T>
    Reader& opt(const char* key, std::optional<T>& out) { return static_cast<Reader&>(Fields::opt(key, out)); }
    template <class T>
    Reader& nullable(const char* key, std::optional<T>& out) { return opt(key, out); }
};

// The alternative of `Variant` whose wire name is `type`, read from `in`; nothing when no
// alternative has that name.
template <class Variant, std::size_t I = 0>
std::optional<Variant> read_alternative(std::string_view type, Reader& in) {
    if constexpr (I == std::variant_size_v<Variant>) {
        return std::nullopt;
    } else {
        using T = std::variant_alternative_t<I, Variant>;
        if (type != T::type) return read_alternative<Variant, I + 1>(type, in);
        // Built in place: moving a T into the variant trips GCC 12's maybe-uninitialized.
        std::optional<Variant> out(std::in_place, std::in_place_type<T>);
        fields(in, std::get<T>(*out));
        return out;
    }
}

ErrorReply bad(std::string message, const std::optional<std::string>& ref = {},
               const std::optional<std::string>& client_id = {}) {
    return ErrorReply{ErrorCode::bad_request, std::move(message), ref, client_id};
}

// Parses a frame into an object with a string `type`, or says why it is not one.
const char* frame_problem(std::string_view frame, json& j) {
    j = parse(frame);
    if (j.is_discarded()) return "malformed JSON";
    if (!j.is_object() || !j.contains("type") || !j["type"].is_string())
        return "expected a JSON object with a string \"type\"";
    return nullptr;
}

std::string mistyped(const Reader& in, const std::string& type) {
    return "missing or mistyped field \"" + in.problem() + "\" in \"" + type + "\"";
}

}  // namespace

Decoded decode_client(std::string_view frame) {
    json j;
    if (const char* problem = frame_problem(frame, j)) return Failure{bad(problem)};
    const std::string type = j["type"].get<std::string>();
    std::optional<std::string> client_id;  // echoed in the error when it is one we could have accepted
    if (const auto it = j.find("client_id"); it != j.end() && it->is_string() &&
                                              text::count_chars(it->get_ref<const std::string&>()) <= limits::client_id_chars)
        client_id = it->get<std::string>();
    Reader in(j);
    auto message = read_alternative<ClientMessage>(type, in);
    if (!message) {
        const std::string shown(text::truncate_chars(type, 64));
        return Failure{ErrorReply{ErrorCode::unknown_type, "unknown type \"" + shown + "\"", shown, client_id}};
    }
    if (!in.ok()) return Failure{bad(mistyped(in, type), type, client_id)};
    if (const std::string* id = client_id_of(*message); id && (id->empty() || !client_id))
        return Failure{bad("\"client_id\" must be 1 to " + std::to_string(limits::client_id_chars) + " characters", type)};
    return std::move(*message);
}

const std::string* client_id_of(const ClientMessage& message) {
    return std::visit(
        [](const auto& m) -> const std::string* {
            if constexpr (requires { m.client_id; }) return &m.client_id;
            else return nullptr;
        },
        message);
}

DecodedServer decode_server(std::string_view frame) {
    json j;
    if (const char* problem = frame_problem(frame, j)) return Failure{bad(problem)};
    const std::string type = j["type"].get<std::string>();
    Reader in(j);
    auto message = read_alternative<ServerMessage>(type, in);
    if (!message)
        return Failure{ErrorReply{ErrorCode::unknown_type, "unknown type", std::string(text::truncate_chars(type, 64)), {}}};
    if (!in.ok()) return Failure{bad(mistyped(in, type), type)};
    return std::move(*message);
}

std::string encode(const ClientMessage& message) {
    return std::visit([](const auto& m) { return write(m); }, message);
}
std::string encode(const ServerMessage& message) {
    return std::visit([](const auto& m) { return write(m); }, message);
}

std::string encode(const Attachment& upload) { return dump(to_json(upload)); }
std::string encode(const HttpError& error) {
    return dump({{"error", {{"code", error.code}, {"message", error.message}}}});
}

Result<Attachment, ErrorReply> decode_upload(std::string_view body) {
    const json j = parse(body);
    Attachment a;
    if (!read(j, a)) return Failure{bad("not an upload answer")};
    return a;
}

Result<HttpError, ErrorReply> decode_http_error(std::string_view body) {
    const json j = parse(body);
    HttpError e;
    const auto it = j.is_object() ? j.find("error") : j.end();
    if (it == j.end() || !Fields(*it).req("code", e.code).req("message", e.message).ok())
        return Failure{bad("not an HTTP error body")};
    return e;
}

std::string_view type_name(const ClientMessage& message) {
    return std::visit([](const auto& m) { return std::decay_t<decltype(m)>::type; }, message);
}
std::string_view type_name(const ServerMessage& message) {
    return std::visit([](const auto& m) { return std::decay_t<decltype(m)>::type; }, message);
}

}  // namespace chitchat::proto
