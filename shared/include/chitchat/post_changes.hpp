// How an edit, a deletion or a reaction changes a post (protocol 2): pure functions from a
// post's current state to its next one. Each answers nothing when the request changes nothing
// (the same body, a second deletion, a reaction that is already there): such a request takes
// no entry id. Who may make the change is the caller's to check.
#pragma once
#include <optional>
#include <string>

#include "chitchat/errors.hpp"
#include "chitchat/result.hpp"
#include "chitchat/types.hpp"

namespace chitchat::changes {

// The post with `body` (validated) as its text, edited at `ts`.
std::optional<Message> edited(const Message& post, std::string body, std::int64_t ts);

// The post as a tombstone: body "", and no attachment, reply, reactions or edit time.
std::optional<Message> deleted(const Message& post);

// The post with `user_id`'s reaction `emoji` (validated) on or off; an emoji goes after the
// others when first added, a user after the others; the last user gone takes the emoji away.
// A 21st distinct emoji is too_large.
Result<std::optional<Message>, Error> reacted(const Message& post, const std::string& emoji,
                                             const std::string& user_id, bool on);

// What a reply to `post` quotes of it.
ReplyTo quote(const Message& post);

}  // namespace chitchat::changes
