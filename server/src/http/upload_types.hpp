// What may be uploaded: txt, pdf, png, jpg, jpeg and gif, checked by extension and by content.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace chitchat::server::uploads {

struct FileType {
    std::string_view mime;          // as sent back in `attachment.mime`
    std::string_view content_type;  // as served
    bool inline_display;            // images open in the browser, others download
};

// The type for a file name's extension (case-insensitive), if it is allowed.
std::optional<FileType> type_for(std::string_view file_name);

// Whether the bytes are what the extension claims: PNG, JPEG, GIF or PDF signatures; valid
// UTF-8 for txt.
bool content_matches(const FileType& type, std::string_view content);

// The client's file name made safe to display and to put in a URL: its base name, without
// control, format or reserved characters, without leading dots or spaces, at most 100
// characters (keeping the extension), valid UTF-8. "file" when nothing is left. The file
// itself is never stored under this name.
std::string sanitize_name(std::string_view raw);

}  // namespace chitchat::server::uploads
