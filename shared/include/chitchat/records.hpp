// The records a server keeps in its data folder, as plain types with their one-line JSON forms.
// Pure: no file is touched here; the server's storage writes and reads these lines.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chitchat/errors.hpp"
#include "chitchat/result.hpp"
#include "chitchat/types.hpp"

namespace chitchat::records {

// A session: its display name (if any), the channel it was last in, and its user id (16 hex
// digits, from the first display name; protocol 2 shows it).
struct Session {
    std::string sid;
    std::optional<std::string> name;
    std::string channel;
    std::optional<std::string> user_id;
    bool operator==(const Session&) const = default;
};

// The first line of a channel's log: its creation order and name.
struct Channel {
    std::uint64_t seq = 0;
    std::string name;
    bool operator==(const Channel&) const = default;
};

// A message as logged: the message, and the session that sent it (never sent to clients).
struct Posted {
    Message message;
    std::string owner;
    bool operator==(const Posted&) const = default;
};

// An uploaded file's description, and the session that uploaded it.
struct Upload {
    Attachment file;
    std::string owner;
    bool operator==(const Upload&) const = default;
};

std::string encode(const Session& record);
std::string encode(const Channel& record);
std::string encode(const Posted& record);
std::string encode(const Upload& record);
std::string encode(const Attachment& attachment);  // a message's attachment column
std::string encode(const std::vector<Reaction>& reactions);  // its reactions column

Result<Session, Error> decode_session(std::string_view line);
Result<Channel, Error> decode_channel(std::string_view line);
Result<Posted, Error> decode_posted(std::string_view line);
Result<Upload, Error> decode_upload(std::string_view line);
Result<Attachment, Error> decode_attachment(std::string_view line);
Result<std::vector<Reaction>, Error> decode_reactions(std::string_view line);

}  // namespace chitchat::records
