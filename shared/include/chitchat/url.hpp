// Percent-encoding for URL paths (RFC 3986).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace chitchat {

// Every byte except the unreserved characters A-Z a-z 0-9 - . _ ~ as %XX.
std::string percent_encode(std::string_view s);

// %XX sequences decoded; nothing when one is malformed.
std::optional<std::string> percent_decode(std::string_view s);

}  // namespace chitchat
