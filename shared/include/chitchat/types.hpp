// The value types of the chat: what a user, a channel, a message and an attachment are.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace chitchat {

inline constexpr const char* default_channel = "General Talk";

// `id` (16 hex digits, protocol 2 only) tells two people of the same name apart.
struct User {
    std::string name;
    std::optional<std::string> id;
    bool operator==(const User&) const = default;
};

// A channel as listed to clients: its name and the id of its newest message (0 when empty).
struct ChannelInfo {
    std::string name;
    std::uint64_t last_id = 0;
    bool operator==(const ChannelInfo&) const = default;
};

struct Attachment {
    std::string id;     // server-generated, 32 hex digits
    std::string url;    // /uploads/<id>/<name>
    std::string name;   // sanitised original file name, for display
    std::uint64_t size = 0;
    std::string mime;
    bool operator==(const Attachment&) const = default;
};

// A direct message conversation as listed to one of its two users (protocol 2).
struct DmInfo {
    std::string channel;  // "dm:<id>:<id>"
    User with;
    std::uint64_t last_id = 0;
    bool operator==(const DmInfo&) const = default;
};

// How far one user has read a channel (protocol 2).
struct ReadMarker {
    std::string channel;
    std::uint64_t id = 0;
    bool operator==(const ReadMarker&) const = default;
};

struct Message {
    std::uint64_t id = 0;     // per channel: 1, 2, 3, ...
    std::string channel;
    std::string sender;       // display name, set by the server
    std::string body;
    std::int64_t ts = 0;      // server milliseconds since the Unix epoch (UTC)
    std::optional<std::string> client_id;
    std::optional<Attachment> attachment;
    std::optional<std::string> sender_id;  // the sender's user id (protocol 2 only)
    bool operator==(const Message&) const = default;
};

}  // namespace chitchat
