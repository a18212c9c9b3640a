// libFuzzer: URL paths mapped onto the web root never leave it, and session cookies are only
// ever well-formed ids.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/util.hpp"
#include "store/ids.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    using namespace chitchat::server;
    const std::filesystem::path root = "/srv/chitchat/www";
    if (auto path = resolve_path(root, input)) {
        const std::filesystem::path normal = path->lexically_normal();
        const auto rel = normal.lexically_relative(root);
        if (rel.empty() || *rel.begin() == "..") std::abort();
        for (const auto& part : *path)
            if (part == "..") std::abort();
    }
    if (auto sid = session_id_from(input); sid && !is_id(*sid)) std::abort();
    return 0;
}
