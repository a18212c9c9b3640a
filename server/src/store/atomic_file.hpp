// Replacing a file whole: readers see the old file or the new one, never half of one.
#pragma once
#include <filesystem>
#include <string_view>

namespace chitchat::server {

// Writes `text` to `path` through a temporary file beside it and a rename. Throws std::system_error.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

}  // namespace chitchat::server
