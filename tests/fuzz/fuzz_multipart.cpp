// libFuzzer: the multipart parser on any body and boundary; every part lies inside the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/multipart.hpp"
#include "http/upload_types.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // The first line is the Content-Type, the rest the body.
    const auto eol = input.find('\n');
    const std::string_view content_type = input.substr(0, eol);
    const std::string_view body = eol == std::string_view::npos ? std::string_view{} : input.substr(eol + 1);
    using namespace chitchat::server;
    const auto boundary = multipart::boundary_of(content_type);
    if (auto parts = multipart::parse(body, boundary.value_or("b"))) {
        for (const auto& part : *parts) {
            if (part.content.data() < body.data() || part.content.data() + part.content.size() > body.data() + body.size())
                std::abort();
            if (part.filename) {
                const std::string name = uploads::sanitize_name(*part.filename);
                if (name.empty() || name.find('/') != std::string::npos || name.find('\\') != std::string::npos) std::abort();
            }
        }
    }
    return 0;
}
