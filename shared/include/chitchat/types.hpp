// The value types of the chat: what a user, a channel, a message and an attachment are.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// The post a reply answers, as it was when the reply was posted (protocol 2).
struct ReplyTo {
    std::uint64_t id = 0;
    std::string sender;
    std::optional<std::string> sender_id;
    std::string body;  // its first limits::reply_quote_chars code points
    bool operator==(const ReplyTo&) const = default;
};

// One emoji on a post and the users who reacted with it, in the order they did (protocol 2).
struct Reaction {
    std::string emoji;
    std::vector<std::string> users;  // user ids
    bool operator==(const Reaction&) const = default;
};

// A post in its current state. Version 2 numbers every change of a channel (a post, an edit,
// a deletion, a change of reactions) with the next entry id: `id` is the post's own entry.
struct Message {
    std::uint64_t id = 0;     // per channel: 1, 2, 3, ...
    std::string channel;
    std::string sender;       // display name, set by the server
    std::string body;
    std::int64_t ts = 0;      // server milliseconds since the Unix epoch (UTC)
    std::optional<std::string> client_id;
    std::optional<Attachment> attachment;
    std::optional<std::string> sender_id;  // the sender's user id (protocol 2 only)
    std::optional<ReplyTo> reply_to;       // protocol 2 from here on
    std::optional<std::int64_t> edited_ts; // server time of the last edit
    bool deleted = false;                  // a tombstone: body "", no attachment, reply or reactions
    std::vector<Reaction> reactions;       // in the order each emoji was first added
    std::uint64_t changed_id = 0;          // the entry id of its latest change (its own id if
                                           // never changed; 0 when not known); not on the wire
    bool operator==(const Message&) const = default;
};

}  // namespace chitchat
