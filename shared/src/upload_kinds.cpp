#include "chitchat/upload_kinds.hpp"

#include <array>
#include <utility>

namespace chitchat {

std::optional<std::string_view> upload_mime(std::string_view file_name) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> by_extension{{
        {"txt", "text/plain"}, {"pdf", "application/pdf"}, {"png", "image/png"},
        {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"}, {"gif", "image/gif"},
    }};
    const auto dot = file_name.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const std::string_view ext = file_name.substr(dot + 1);
    for (const auto& [e, mime] : by_extension) {
        if (e.size() != ext.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < e.size() && same; ++i)
            same = e[i] == (ext[i] >= 'A' && ext[i] <= 'Z' ? ext[i] + 32 : ext[i]);
        if (same) return mime;
    }
    return std::nullopt;
}

}  // namespace chitchat
