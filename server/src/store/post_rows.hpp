// The columns every query of posts selects (from `posts p JOIN channels c`), and one row of them
// read back as a post.
#pragma once
#include "chitchat/records.hpp"
#include "store/sqlite.hpp"

namespace chitchat::server {

inline constexpr const char* post_columns =
    "p.id, c.name, p.sender, p.body, p.ts, p.client_id, p.attachment, p.sid, p.sender_id";

records::Posted read_post(const sqlite::Statement& row);

}  // namespace chitchat::server
