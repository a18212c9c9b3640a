// libFuzzer: client bytes walked frame by frame as the WebSocket session does: every header
// parsed stays within the bytes read, and unmasking never leaves the payload.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "chitchat/ws_frames.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace chitchat;
    std::string in(reinterpret_cast<const char*>(data), size);
    std::size_t at = 0;
    for (;;) {
        const auto h = ws::parse_header(std::string_view(in).substr(at));
        if (!h) break;
        if (h->size < 2 || h->size > 14 || h->size > in.size() - at) std::abort();
        if (in.size() - at - h->size < h->length) break;  // as the session: wait for the rest
        ws::unmask(in.data() + at + h->size, static_cast<std::size_t>(h->length), h->mask);
        at += h->size + static_cast<std::size_t>(h->length);
        if (at > in.size()) std::abort();
    }
    std::string out;  // and what the server writes back parses as what it wrote
    ws::append_frame(out, ws::text, std::string_view(in).substr(0, std::min<std::size_t>(in.size(), 70000)));
    const auto back = ws::parse_header(out);
    if (!back || back->masked || !back->fin || back->size + back->length != out.size()) std::abort();
    return 0;
}
