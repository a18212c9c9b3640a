// libFuzzer: the WebSocket reader itself, on arbitrary bytes cut into arbitrary reads, as a
// server and as a client: it never reads outside what it was given, every message it yields
// is within the limit (and UTF-8 when text), nothing follows a close or a failure, and the
// events do not depend on how the bytes were cut. Then what the writer makes reads back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "chitchat/text.hpp"
#include "chitchat/ws_frames.hpp"
#include "chitchat/ws_reader.hpp"

namespace {

using namespace chitchat;
constexpr std::size_t max_message = 4096;

std::string events(ws::Role role, std::string_view in, std::size_t cut) {
    ws::Reader r(role, max_message);
    std::string seen;
    bool ended = false;
    for (std::size_t at = 0; at < in.size();) {
        const std::size_t n = std::min(cut, in.size() - at);
        std::copy(in.begin() + static_cast<std::ptrdiff_t>(at), in.begin() + static_cast<std::ptrdiff_t>(at + n), r.prepare(n));
        r.commit(n);
        at += n;
        while (const auto e = r.next()) {
            if (ended) std::abort();  // nothing after a close or a failure
            if (e->payload.size() > max_message) std::abort();
            if (e->kind == ws::Event::text && !text::is_valid_utf8(e->payload)) std::abort();
            if ((e->kind == ws::Event::ping || e->kind == ws::Event::pong) && e->payload.size() > 125) std::abort();
            ended = e->kind == ws::Event::close || e->kind == ws::Event::failed;
            if (ended != r.stopped()) std::abort();
            seen += std::to_string(e->kind) + ":" + std::to_string(e->code) + ":" + std::string(e->payload) + "|";
        }
        if (at % 7 == 0) r.release_if_idle();
    }
    return seen;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t cut = 1 + data[0] % 64;
    const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
    for (const auto role : {ws::Role::server, ws::Role::client})
        if (events(role, in, cut) != events(role, in, in.size() + 1)) std::abort();

    const std::array<unsigned char, 4> mask{data[0], 1, 2, 3};
    const std::string_view payload = in.substr(0, std::min<std::size_t>(in.size(), max_message));
    std::string frames;
    ws::append_frame(frames, ws::binary, payload, &mask);
    ws::append_frame(frames, ws::ping, payload.substr(0, 125), &mask);
    ws::Reader back(ws::Role::server, max_message);
    back.append(frames);
    const auto message = back.next();
    const auto ping = back.next();
    if (!message || message->kind != ws::Event::binary || message->payload != payload) std::abort();
    if (!ping || ping->kind != ws::Event::ping || ping->payload != payload.substr(0, 125)) std::abort();
    return 0;
}
