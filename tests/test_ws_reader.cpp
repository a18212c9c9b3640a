// The WebSocket reader: bytes in, events out, for both ends, with every rule a reader checks.
#include <catch2/catch.hpp>

#include "chitchat/ws_frames.hpp"
#include "chitchat/ws_reader.hpp"

using namespace chitchat;
using ws::Event;

namespace {

constexpr std::array<unsigned char, 4> mask{0x12, 0x34, 0x56, 0x78};

// A client's frame with the first byte as given (FIN, reserved bits, opcode).
std::string client_frame(std::uint8_t first_byte, std::string_view payload) {
    std::string out;
    ws::append_frame(out, static_cast<ws::Opcode>(first_byte & 0x0F), payload, &mask);
    out[0] = static_cast<char>(first_byte);
    return out;
}

struct Seen {
    Event::Kind kind;
    std::string payload;
    std::uint16_t code;
    bool operator==(const Seen&) const = default;
};

std::vector<Seen> drain(ws::Reader& r) {
    std::vector<Seen> seen;
    while (const auto e = r.next()) seen.push_back({e->kind, std::string(e->payload), e->code});
    return seen;
}

std::vector<Seen> read_all(std::string_view bytes, ws::Role role = ws::Role::server, std::size_t max = 1000) {
    ws::Reader r(role, max);
    r.append(bytes);
    return drain(r);
}

std::uint16_t failure_code(const std::vector<Seen>& seen) {
    return !seen.empty() && seen.back().kind == Event::failed ? seen.back().code : 0;
}

}  // namespace

TEST_CASE("reader: messages, in one piece or a byte at a time") {
    const std::string bytes = client_frame(0x81, "héllo") + client_frame(0x82, std::string("\0\1", 2)) +
                              client_frame(0x89, "are you there") + client_frame(0x8A, "yes");
    const std::vector<Seen> expected{{Event::text, "héllo", 0},
                                     {Event::binary, std::string("\0\1", 2), 0},
                                     {Event::ping, "are you there", 0},
                                     {Event::pong, "yes", 0}};
    CHECK(read_all(bytes) == expected);
    ws::Reader r(ws::Role::server, 1000);
    std::vector<Seen> seen;
    for (const char byte : bytes) {
        *r.prepare(1) = byte;
        r.commit(1);
        for (auto& s : drain(r)) seen.push_back(std::move(s));
    }
    CHECK(seen == expected);
}

TEST_CASE("reader: fragments make one message, with control frames between them") {
    const std::string bytes = client_frame(0x01, "in ") + client_frame(0x89, "p") + client_frame(0x00, "three ") +
                              client_frame(0x80, "pieces");
    CHECK(read_all(bytes) == std::vector<Seen>{{Event::ping, "p", 0}, {Event::text, "in three pieces", 0}});
    CHECK(failure_code(read_all(client_frame(0x80, "x"))) == ws::close_code::protocol_error);  // continuation of nothing
    CHECK(failure_code(read_all(client_frame(0x01, "a") + client_frame(0x81, "b"))) == ws::close_code::protocol_error);
}

TEST_CASE("reader: the rules of each side") {
    SECTION("a server reads masked frames only, a client unmasked ones only") {
        std::string unmasked;
        ws::append_frame(unmasked, ws::text, "hi");
        CHECK(failure_code(read_all(unmasked, ws::Role::server)) == ws::close_code::protocol_error);
        CHECK(read_all(unmasked, ws::Role::client) == std::vector<Seen>{{Event::text, "hi", 0}});
        CHECK(failure_code(read_all(client_frame(0x81, "hi"), ws::Role::client)) == ws::close_code::protocol_error);
    }
    SECTION("reserved bits, unknown opcodes and bad control frames are protocol errors") {
        CHECK(failure_code(read_all(client_frame(0xC1, "x"))) == ws::close_code::protocol_error);  // RSV1
        CHECK(failure_code(read_all(client_frame(0x83, "x"))) == ws::close_code::protocol_error);  // opcode 3
        CHECK(failure_code(read_all(client_frame(0x09, "x"))) == ws::close_code::protocol_error);  // a ping not final
        CHECK(failure_code(read_all(client_frame(0x89, std::string(126, 'x')))) == ws::close_code::protocol_error);
    }
    SECTION("text must be UTF-8, whole or in fragments") {
        CHECK(failure_code(read_all(client_frame(0x81, "\xff"))) == ws::close_code::bad_payload);
        const std::string euro = "€";  // split inside the character: fine once whole
        CHECK(read_all(client_frame(0x01, euro.substr(0, 1)) + client_frame(0x80, euro.substr(1))) ==
              std::vector<Seen>{{Event::text, euro, 0}});
        CHECK(read_all(client_frame(0x82, "\xff")).at(0).kind == Event::binary);  // binary is not checked
    }
}

TEST_CASE("reader: size limits are checked from the header, before any payload is buffered") {
    CHECK(read_all(client_frame(0x81, std::string(1000, 'x'))).at(0).payload.size() == 1000);
    CHECK(failure_code(read_all(client_frame(0x81, std::string(1001, 'x')))) == ws::close_code::too_big);
    // Fragments count together.
    CHECK(failure_code(read_all(client_frame(0x01, std::string(600, 'x')) + client_frame(0x80, std::string(600, 'x')))) ==
          ws::close_code::too_big);
    // A continuation claiming 2^64 - 1 bytes after a message begun: the sum would wrap; only
    // its header has arrived, and it is refused at once.
    const std::string huge("\x00\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x01\x02\x03\x04", 14);
    CHECK(failure_code(read_all(client_frame(0x01, "{") + huge)) == ws::close_code::too_big);
}

TEST_CASE("reader: a close ends the reading; after a failure nothing more is read") {
    const auto seen = read_all(client_frame(0x88, ws::close_payload(1000, "bye")) + client_frame(0x81, "after"));
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].kind == Event::close);
    CHECK(seen[0].code == 1000);
    CHECK(read_all(client_frame(0x88, "")).at(0).code == 0);
    ws::Reader r(ws::Role::server, 1000);
    r.append(client_frame(0x83, "x") + client_frame(0x81, "never"));
    CHECK(r.next()->kind == Event::failed);
    CHECK(r.stopped());
    CHECK_FALSE(r.next());
    r.append(client_frame(0x81, "still never"));
    CHECK_FALSE(r.next());
}

TEST_CASE("reader: an idle reader gives its buffer back") {
    ws::Reader r(ws::Role::server, 1000);
    r.append(client_frame(0x81, "hi") + client_frame(0x81, "partial").substr(0, 4));
    CHECK(r.next()->payload == "hi");
    CHECK_FALSE(r.next());
    r.release_if_idle();  // a partial frame is kept
    r.append(client_frame(0x81, "partial").substr(4));
    CHECK(r.next()->payload == "partial");
    CHECK_FALSE(r.next());
    r.release_if_idle();
    r.append(client_frame(0x81, "again"));
    CHECK(r.next()->payload == "again");
}
