// The files that may be shared: txt, pdf, png, jpg, jpeg, gif. The server checks uploads against
// this list; the client refuses others before uploading.
#pragma once
#include <optional>
#include <string_view>

namespace chitchat {

// What users are told when a file is not one of these.
inline constexpr std::string_view allowed_uploads_message = "allowed: txt, pdf, png, jpg, jpeg, gif";

// The MIME type of an allowed file, by its extension (case-insensitive); nothing otherwise.
std::optional<std::string_view> upload_mime(std::string_view file_name);

}  // namespace chitchat
