// A small multipart/form-data parser (RFC 7578) over a body held in memory. Pure and fuzzed:
// any bytes give parts or an error, and parts point into the body (no copies of file data).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chitchat/result.hpp"

namespace chitchat::server::multipart {

struct Part {
    std::string name;                     // the form field
    std::optional<std::string> filename;  // present for file fields
    std::string_view content;
};

// The boundary of a `multipart/form-data; boundary=...` Content-Type, if it is one.
std::optional<std::string> boundary_of(std::string_view content_type);

// Every part of `body`, or a sentence saying why it is malformed.
Result<std::vector<Part>, std::string> parse(std::string_view body, std::string_view boundary);

}  // namespace chitchat::server::multipart
