// The columns every query of posts selects (from `posts p JOIN channels c`), and one row of them
// read back as a post.
#pragma once
#include "chitchat/records.hpp"
#include "store/sqlite.hpp"

namespace chitchat::server {

inline constexpr const char* post_columns =
    "p.id, c.name, p.sender, p.body, p.ts, p.client_id, p.attachment, p.sid, p.sender_id, p.reply_to, p.reply_sender, "
    "p.reply_sender_id, p.reply_body, p.edited_ts, p.deleted, p.reactions, p.changed_id";

records::Posted read_post(const sqlite::Statement& row);

// Binds a post's current state (its reply, edit time, deletion, reactions and changed_id) to
// parameters first, first + 1, ..., first + 7 of `statement`, in the order of post_columns.
void bind_state(sqlite::Statement& statement, int first, const Message& post);

}  // namespace chitchat::server
