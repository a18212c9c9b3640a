// The one place that maps protocol types to JSON and back. Decoding is exception-free:
// nlohmann's non-throwing parse, then checked access to every field.
#include <cmath>

#include "json_values.hpp"

#include "chitchat/protocol.hpp"
#include "chitchat/text.hpp"

namespace chitchat::proto {
namespace {

using namespace json_values;
using json_values::to_json;  // the value forms join the message forms below in one overload set

json number(double t) {  // whole numbers stay integers on the wire (1700000000000, not 1.7e12)
    if (std::trunc(t) == t && std::fabs(t) < 9007199254740992.0) return static_cast<std::int64_t>(t);
    return t;
}

json to_json(const SetName& m) { return {{"type", "set_name"}, {"name", m.name}}; }
json to_json(const CreateChannel& m) { return {{"type", "create_channel"}, {"name", m.name}}; }
json to_json(const Join& m) {
    json j = {{"type", "join"}, {"channel", m.channel}};
    if (m.after) j["after"] = *m.after;
    return j;
}
json to_json(const Send& m) {
    json j = {{"type", "send"}, {"channel", m.channel}, {"body", m.body}, {"client_id", m.client_id}};
    if (m.attachment_id) j["attachment_id"] = *m.attachment_id;
    return j;
}
json to_json(const Ping& m) { return {{"type", "ping"}, {"t", number(m.t)}}; }

json to_json(const Welcome& m) {
    return {{"type", "welcome"}, {"protocol", m.protocol}, {"user", m.user ? to_json(*m.user) : json(nullptr)},
            {"channels", to_json(m.channels)}, {"channel", m.channel}, {"online", m.online}};
}
json to_json(const Session& m) { return {{"type", "session"}, {"user", to_json(m.user)}}; }
json to_json(const Joined& m) {
    return {{"type", "joined"}, {"channel", m.channel}, {"messages", to_json(m.messages)}, {"gap", m.gap}};
}
json to_json(const NewMessage& m) { return {{"type", "message"}, {"message", to_json(m.message)}}; }
json to_json(const Channels& m) { return {{"type", "channels"}, {"channels", to_json(m.channels)}}; }
json to_json(const Online& m) { return {{"type", "online"}, {"count", m.count}}; }
json to_json(const Pong& m) { return {{"type", "pong"}, {"t", number(m.t)}}; }
json to_json(const ErrorReply& m) {
    json j = {{"type", "error"}, {"code", to_string(m.code)}, {"message", m.message}};
    if (m.ref) j["ref"] = *m.ref;
    if (m.client_id) j["client_id"] = *m.client_id;
    return j;
}


// ---------------------------------------------------------------- reading frames

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

}  // namespace

Decoded decode_client(std::string_view frame) {
    json j;
    if (const char* problem = frame_problem(frame, j)) return Failure{bad(problem)};
    const std::string type = j["type"].get<std::string>();
    std::optional<std::string> client_id;  // echoed in the error when it is one we could have accepted
    if (const auto it = j.find("client_id"); it != j.end() && it->is_string() &&
                                              text::count_chars(it->get_ref<const std::string&>()) <= limits::client_id_chars)
        client_id = it->get<std::string>();
    Fields f(j);
    auto done = [&](auto value) -> Decoded {
        if (!f.ok())
            return Failure{bad("missing or mistyped field \"" + f.problem() + "\" in \"" + type + "\"", type, client_id)};
        return ClientMessage{std::move(value)};
    };

    if (type == "set_name") { SetName m; f.req("name", m.name); return done(std::move(m)); }
    if (type == "create_channel") { CreateChannel m; f.req("name", m.name); return done(std::move(m)); }
    if (type == "join") { Join m; f.req("channel", m.channel).opt("after", m.after); return done(std::move(m)); }
    if (type == "ping") { Ping m; f.req("t", m.t); return done(std::move(m)); }
    if (type == "send") {
        Send m;
        f.req("channel", m.channel).req("body", m.body).req("client_id", m.client_id).opt("attachment_id", m.attachment_id);
        if (f.ok() && (m.client_id.empty() || !client_id))
            return Failure{bad("\"client_id\" must be 1 to " + std::to_string(limits::client_id_chars) + " characters", type)};
        return done(std::move(m));
    }
    const std::string shown(text::truncate_chars(type, 64));
    return Failure{ErrorReply{ErrorCode::unknown_type, "unknown type \"" + shown + "\"", shown, client_id}};
}

DecodedServer decode_server(std::string_view frame) {
    json j;
    if (const char* problem = frame_problem(frame, j)) return Failure{bad(problem)};
    const std::string type = j["type"].get<std::string>();
    Fields f(j);
    auto done = [&](auto value) -> DecodedServer {
        if (!f.ok()) return Failure{bad("missing or mistyped field \"" + f.problem() + "\" in \"" + type + "\"", type)};
        return ServerMessage{std::move(value)};
    };
    if (type == "welcome") {
        Welcome m;
        f.req("protocol", m.protocol).opt("user", m.user).req("channels", m.channels).req("channel", m.channel)
            .req("online", m.online);
        return done(std::move(m));
    }
    if (type == "session") { Session m; f.req("user", m.user); return done(std::move(m)); }
    if (type == "joined") {
        Joined m;
        f.req("channel", m.channel).req("messages", m.messages).req("gap", m.gap);
        return done(std::move(m));
    }
    if (type == "message") { NewMessage m; f.req("message", m.message); return done(std::move(m)); }
    if (type == "channels") { Channels m; f.req("channels", m.channels); return done(std::move(m)); }
    if (type == "online") { Online m; f.req("count", m.count); return done(std::move(m)); }
    if (type == "pong") { Pong m; f.req("t", m.t); return done(std::move(m)); }
    if (type == "error") {
        ErrorReply m;
        std::string code;
        f.req("code", code).req("message", m.message).opt("ref", m.ref).opt("client_id", m.client_id);
        m.code = error_code_from(code).value_or(ErrorCode::bad_request);
        return done(std::move(m));
    }
    return Failure{ErrorReply{ErrorCode::unknown_type, "unknown type", std::string(text::truncate_chars(type, 64)), {}}};
}

std::string encode(const ClientMessage& message) {
    return std::visit([](const auto& m) { return dump(to_json(m)); }, message);
}
std::string encode(const ServerMessage& message) {
    return std::visit([](const auto& m) { return dump(to_json(m)); }, message);
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
    static constexpr std::string_view names[] = {"set_name", "create_channel", "join", "send", "ping"};
    return names[message.index()];
}
std::string_view type_name(const ServerMessage& message) {
    static constexpr std::string_view names[] = {"welcome", "session", "joined", "message",
                                                 "channels", "online", "pong", "error"};
    return names[message.index()];
}

}  // namespace chitchat::proto
