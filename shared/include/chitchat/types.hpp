// The value types of the chat: what a user, a channel, a message and an attachment are.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace chitchat {

inline constexpr const char* default_channel = "General Talk";

struct User {
    std::string name;
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

struct Message {
    std::uint64_t id = 0;     // per channel: 1, 2, 3, ...
    std::string channel;
    std::string sender;       // display name, set by the server
    std::string body;
    std::int64_t ts = 0;      // server milliseconds since the Unix epoch (UTC)
    std::optional<std::string> client_id;
    std::optional<Attachment> attachment;
    bool operator==(const Message&) const = default;
};

}  // namespace chitchat
