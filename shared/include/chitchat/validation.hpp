// The rules for names, channel names and message bodies. Each returns the normalised value
// or an error with its own code; the server enforces them, the client shows them inline.
#pragma once
#include <string>
#include <string_view>

#include "chitchat/errors.hpp"
#include "chitchat/result.hpp"

namespace chitchat {

// 1 to 32 characters after trimming, valid UTF-8, no control characters. -> invalid_name
Result<std::string, Error> validate_display_name(std::string_view raw);

// 1 to 40 characters after trimming and collapsing inner white space, valid UTF-8, no
// control characters. -> invalid_channel_name
Result<std::string, Error> validate_channel_name(std::string_view raw);

// The key under which channel names are unique: normalised and case-folded.
std::string channel_key(std::string_view name);

// 1 to 2000 characters of valid UTF-8, not only white space; with an attachment the body may
// be empty (or blank, then it is sent as empty). -> invalid_body
Result<std::string, Error> validate_body(std::string_view raw, bool has_attachment);

// One emoji grapheme (chitchat/emoji.hpp) of 1 to 10 code points. -> invalid_emoji
Result<std::string, Error> validate_emoji(std::string_view raw);

}  // namespace chitchat
