// WebSocket frames (RFC 6455) as bytes, with no I/O: frame headers as they arrive, and whole
// frames to write, unmasked as a server sends them or masked as a client must.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chitchat::ws {

enum Opcode : std::uint8_t { continuation = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xA };

struct FrameHeader {
    bool fin = false;
    std::uint8_t opcode = 0;
    bool masked = false;
    std::uint64_t length = 0;       // of the payload
    std::size_t size = 0;           // of the header itself, 2 to 14 bytes
    std::array<unsigned char, 4> mask{};
    bool reserved_bits = false;     // RSV1-3: no extension is negotiated, so they must be 0
};

// The header at the start of `in`, or nullopt while it is incomplete.
std::optional<FrameHeader> parse_header(std::string_view in);

// Undoes (or applies) the client's masking, in place.
void unmask(char* data, std::size_t size, const std::array<unsigned char, 4>& mask);

// Appends one final frame: unmasked (a server's), or masked with `mask` (a client's).
void append_frame(std::string& out, Opcode opcode, std::string_view payload,
                  const std::array<unsigned char, 4>* mask = nullptr);

// A close frame's payload: the code, big-endian, and a reason.
std::string close_payload(std::uint16_t code, std::string_view reason = {});

}  // namespace chitchat::ws
