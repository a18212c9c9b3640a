// Server-made ids: 128 random bits as 32 lowercase hex digits, for sessions and uploads alike.
// Only such ids ever become file names or keys, never anything a client chose.
#pragma once
#include <string>
#include <string_view>

namespace chitchat::server {

// From the OS's CSPRNG (getrandom). Throws std::system_error.
std::string random_id();

// A user id: 64 random bits as 16 lowercase hex digits (protocol 2), never derived from a sid.
std::string random_user_id();

// Whether `s` has the shape of one: exactly 32 lowercase hex digits.
bool is_id(std::string_view s);

}  // namespace chitchat::server
