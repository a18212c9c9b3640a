// Protocol versions 1 and 2 as C++ types (docs/protocol.md is the contract). The values carry
// the version-2 fields as optionals; a version-1 connection is sent them empty. Each frame is one JSON
// object with a string `type`; `encode` writes one, `decode_*` reads one and never throws.
//
// Each message's wire name is its `type` member, written once: encoding, decoding and
// `type_name` all read it. To add a message, add a struct with its `type` here, add it to the
// variant, and describe its fields once in protocol_json.cpp; until every `std::visit` over the
// variant (the JSON mapping, the server's dispatch in chat.cpp, the client model's `on`
// overloads) handles it, nothing compiles.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "chitchat/errors.hpp"
#include "chitchat/limits.hpp"
#include "chitchat/result.hpp"
#include "chitchat/types.hpp"

namespace chitchat::proto {

// ---- client to server
struct SetName {
    static constexpr std::string_view type = "set_name";
    std::string name;
    bool operator==(const SetName&) const = default;
};
struct CreateChannel {
    static constexpr std::string_view type = "create_channel";
    std::string name;
    bool operator==(const CreateChannel&) const = default;
};
struct Join {
    static constexpr std::string_view type = "join";
    std::string channel;
    std::optional<std::uint64_t> after;
    bool operator==(const Join&) const = default;
};
struct Send {
    static constexpr std::string_view type = "send";
    std::string channel;
    std::string body;
    std::string client_id;
    std::optional<std::string> attachment_id;
    std::optional<std::uint64_t> reply_to;  // version 2: the id of the post it answers
    bool operator==(const Send&) const = default;
};
// Version 2: changes of a post, each taking the channel's next entry id.
struct Edit {
    static constexpr std::string_view type = "edit";
    std::string channel;
    std::uint64_t id = 0;
    std::string body;
    std::string client_id;
    bool operator==(const Edit&) const = default;
};
struct Delete {
    static constexpr std::string_view type = "delete";
    std::string channel;
    std::uint64_t id = 0;
    std::string client_id;
    bool operator==(const Delete&) const = default;
};
struct React {
    static constexpr std::string_view type = "react";
    std::string channel;
    std::uint64_t id = 0;
    std::string emoji;
    bool on = true;  // add this user's reaction, or take it back
    std::string client_id;
    bool operator==(const React&) const = default;
};
struct Ping {
    static constexpr std::string_view type = "ping";
    double t = 0;
    bool operator==(const Ping&) const = default;
};
// Version 2: older posts from the store, and full-text search.
struct History {
    static constexpr std::string_view type = "history";
    std::string channel;
    std::optional<std::uint64_t> before;  // the posts with id < before (the newest ones when absent)
    std::optional<std::uint64_t> around;  // or the posts on both sides of this id
    std::optional<std::uint64_t> limit;   // 1 to 100, default 50
    bool operator==(const History&) const = default;
};
struct Search {
    static constexpr std::string_view type = "search";
    std::string q;
    std::optional<std::string> channel;    // only this channel
    std::optional<std::uint64_t> before;   // with `channel`: posts with id < before
    std::optional<std::int64_t> before_ts; // posts sent before this server time (the next page)
    bool operator==(const Search&) const = default;
};
using ClientMessage = std::variant<SetName, CreateChannel, Join, Send, Ping, History, Search, Edit, Delete, React>;

// Requests only a version-2 connection may make.
inline bool version_2_only(const ClientMessage& m) {
    return m.index() >= std::variant_size_v<ClientMessage> - 5;  // History and everything after it
}
static_assert(std::is_same_v<std::variant_alternative_t<std::variant_size_v<ClientMessage> - 5, ClientMessage>, History>);

// The `client_id` of a request that carries one (send, edit, delete, react).
const std::string* client_id_of(const ClientMessage& m);

// ---- server to client
struct Welcome {
    static constexpr std::string_view type = "welcome";
    int protocol = limits::protocol_version;
    std::optional<User> user;
    std::vector<ChannelInfo> channels;
    std::string channel;
    std::uint64_t online = 0;
    std::optional<std::uint64_t> max_upload_bytes;  // the server's upload limit (absent: not said)
    std::optional<std::vector<DmInfo>> dms;         // version 2: this user's direct messages
    std::optional<std::vector<User>> people;        // version 2: users online, most recently active first
    std::optional<std::vector<ReadMarker>> read;    // version 2: this user's read markers
    bool operator==(const Welcome&) const = default;
};
struct Session {
    static constexpr std::string_view type = "session";
    User user;
    bool operator==(const Session&) const = default;
};
struct Joined {
    static constexpr std::string_view type = "joined";
    std::string channel;
    std::vector<Message> messages;
    std::uint64_t gap = 0;
    std::optional<std::vector<Message>> updates;  // version 2: changed posts with id <= after
    std::optional<std::uint64_t> last_id;         // version 2: the channel's highest entry id
    bool operator==(const Joined&) const = default;
};
struct NewMessage {
    static constexpr std::string_view type = "message";
    Message message;
    bool operator==(const NewMessage&) const = default;
};
struct Channels {
    static constexpr std::string_view type = "channels";
    std::vector<ChannelInfo> channels;
    bool operator==(const Channels&) const = default;
};
struct Online {
    static constexpr std::string_view type = "online";
    std::uint64_t count = 0;
    bool operator==(const Online&) const = default;
};
struct Pong {
    static constexpr std::string_view type = "pong";
    double t = 0;
    bool operator==(const Pong&) const = default;
};
struct ErrorReply {
    static constexpr std::string_view type = "error";
    ErrorCode code = ErrorCode::bad_request;
    std::string message;
    std::optional<std::string> ref;        // the request `type` that failed
    std::optional<std::string> client_id;  // echoed from a failed `send`
    bool operator==(const ErrorReply&) const = default;
};
struct HistoryPage {
    static constexpr std::string_view type = "history";
    std::string channel;
    std::vector<Message> messages;  // oldest first
    bool more = false;              // older posts exist
    bool operator==(const HistoryPage&) const = default;
};
struct SearchResults {
    static constexpr std::string_view type = "search_results";
    std::string q;
    std::vector<Message> results;  // newest first
    bool more = false;             // older matches exist
    bool operator==(const SearchResults&) const = default;
};
// A post changed: `id` is the entry id of the change (or, when nothing changed, of the post's
// latest change), `message` the post's current state; the requester's copy has its client_id.
struct Update {
    static constexpr std::string_view type = "update";
    std::uint64_t id = 0;
    Message message;
    std::optional<std::string> client_id;
    bool operator==(const Update&) const = default;
};
using ServerMessage = std::variant<Welcome, Session, Joined, NewMessage, Channels, Online, Pong, ErrorReply,
                                   HistoryPage, SearchResults, Update>;

// No two messages of one direction share a wire name.
template <class... T>
constexpr bool distinct_types(const std::variant<T...>*) {
    const std::string_view names[] = {T::type...};
    for (std::size_t i = 0; i < sizeof...(T); ++i)
        for (std::size_t k = i + 1; k < sizeof...(T); ++k)
            if (names[i] == names[k]) return false;
    return true;
}
static_assert(distinct_types(static_cast<const ClientMessage*>(nullptr)), "two client messages share a type name");
static_assert(distinct_types(static_cast<const ServerMessage*>(nullptr)), "two server messages share a type name");

// A frame that could not be decoded: the reply to send, with `ref` and `client_id` filled in
// when the frame was an object with a string `type` / `client_id`.
using Decoded = Result<ClientMessage, ErrorReply>;
using DecodedServer = Result<ServerMessage, ErrorReply>;

Decoded decode_client(std::string_view frame);
DecodedServer decode_server(std::string_view frame);

std::string encode(const ClientMessage& message);
std::string encode(const ServerMessage& message);

// ---- HTTP bodies: the upload answer (an Attachment) and `{"error": {"code", "message"}}`
struct HttpError {
    std::string code;  // bad_request, name_required, not_found, too_large, unsupported_type, ...
    std::string message;
    bool operator==(const HttpError&) const = default;
};
std::string encode(const Attachment& upload);
std::string encode(const HttpError& error);
Result<Attachment, ErrorReply> decode_upload(std::string_view body);
Result<HttpError, ErrorReply> decode_http_error(std::string_view body);

// The `type` string of a message, as on the wire.
std::string_view type_name(const ClientMessage& message);
std::string_view type_name(const ServerMessage& message);

}  // namespace chitchat::proto
