// WebSocket frames as bytes: what the server reads from clients and writes to them.
#include <catch2/catch.hpp>

#include "chitchat/ws_frames.hpp"

using namespace chitchat;

namespace {

std::string client_frame(std::uint8_t first_byte, const std::string& payload, std::array<unsigned char, 4> mask) {
    std::string out;
    ws::append_frame(out, static_cast<ws::Opcode>(first_byte & 0x0F), payload, &mask);
    out[0] = static_cast<char>(first_byte);  // FIN and the reserved bits as given
    return out;
}

}  // namespace

TEST_CASE("client frame headers: every length form, and incomplete ones wait") {
    const std::array<unsigned char, 4> mask{0x12, 0x34, 0x56, 0x78};
    for (const std::size_t size : {std::size_t{0}, std::size_t{125}, std::size_t{126}, std::size_t{65535}, std::size_t{65536}}) {
        const std::string payload(size, 'x');
        std::string frame = client_frame(0x81, payload, mask);
        const auto h = ws::parse_header(frame);
        REQUIRE(h);
        CHECK(h->fin);
        CHECK(h->opcode == ws::text);
        CHECK(h->masked);
        CHECK_FALSE(h->reserved_bits);
        CHECK(h->length == size);
        CHECK(h->size == frame.size() - size);
        ws::unmask(frame.data() + h->size, size, h->mask);
        CHECK(frame.substr(h->size) == payload);
        for (std::size_t cut = 0; cut < h->size; ++cut) CHECK_FALSE(ws::parse_header(std::string_view(frame).substr(0, cut)));
    }
    const auto continuation = ws::parse_header(client_frame(0x00, "x", mask));
    CHECK_FALSE(continuation->fin);
    CHECK(continuation->opcode == ws::continuation);
    CHECK(ws::parse_header(client_frame(0xC1, "x", mask))->reserved_bits);  // RSV1: compression, not negotiated
    CHECK_FALSE(ws::parse_header(std::string("\x81\x01x", 3))->masked);
}

TEST_CASE("frames to write: final, with the shortest length form, masked only when a client's") {
    std::string out;
    ws::append_frame(out, ws::text, "hi");
    CHECK(out == std::string("\x81\x02hi", 4));
    out.clear();
    ws::append_frame(out, ws::text, std::string(300, 'a'));
    CHECK(out.substr(0, 4) == std::string("\x81\x7E\x01\x2C", 4));
    out.clear();
    ws::append_frame(out, ws::text, std::string(70000, 'a'));
    CHECK(out.substr(0, 10) == std::string("\x81\x7F\x00\x00\x00\x00\x00\x01\x11\x70", 10));
    out.clear();
    ws::append_frame(out, ws::close, ws::close_payload(1009, "too big"));
    CHECK(out == std::string("\x88\x09\x03\xF1too big", 11));
    out.clear();
    const std::array<unsigned char, 4> mask{1, 2, 3, 4};
    ws::append_frame(out, ws::text, "abcde", &mask);
    CHECK(out == std::string("\x81\x85\x01\x02\x03\x04") + std::string{'a' ^ 1, 'b' ^ 2, 'c' ^ 3, 'd' ^ 4, 'e' ^ 1});
}
