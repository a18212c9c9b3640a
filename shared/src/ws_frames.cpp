#include "chitchat/ws_frames.hpp"

namespace chitchat::ws {

std::optional<FrameHeader> parse_header(std::string_view in) {
    if (in.size() < 2) return std::nullopt;
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(in[i]); };
    FrameHeader h;
    h.fin = byte(0) & 0x80;
    h.reserved_bits = byte(0) & 0x70;
    h.opcode = byte(0) & 0x0F;
    h.masked = byte(1) & 0x80;
    h.length = byte(1) & 0x7F;
    std::size_t at = 2;
    if (h.length == 126 || h.length == 127) {
        const std::size_t bytes = h.length == 126 ? 2 : 8;
        if (in.size() < at + bytes) return std::nullopt;
        h.length = 0;
        for (std::size_t i = 0; i < bytes; ++i) h.length = (h.length << 8) | byte(at + i);
        at += bytes;
    }
    if (h.masked) {
        if (in.size() < at + 4) return std::nullopt;
        for (std::size_t i = 0; i < 4; ++i) h.mask[i] = byte(at + i);
        at += 4;
    }
    h.size = at;
    return h;
}

void unmask(char* data, std::size_t size, const std::array<unsigned char, 4>& mask) {
    for (std::size_t i = 0; i < size; ++i) data[i] = static_cast<char>(static_cast<unsigned char>(data[i]) ^ mask[i % 4]);
}

void append_frame(std::string& out, Opcode opcode, std::string_view payload, const std::array<unsigned char, 4>* mask) {
    const std::uint64_t n = payload.size();
    const char masked = mask ? static_cast<char>(0x80) : 0;
    out.push_back(static_cast<char>(0x80 | opcode));  // FIN
    if (n < 126) {
        out.push_back(static_cast<char>(masked | static_cast<char>(n)));
    } else if (n <= 0xFFFF) {
        out.push_back(static_cast<char>(masked | 126));
        for (int shift = 8; shift >= 0; shift -= 8) out.push_back(static_cast<char>((n >> shift) & 0xFF));
    } else {
        out.push_back(static_cast<char>(masked | 127));
        for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((n >> shift) & 0xFF));
    }
    if (!mask) return void(out.append(payload));
    out.append(reinterpret_cast<const char*>(mask->data()), 4);
    const std::size_t start = out.size();
    out.append(payload);
    unmask(out.data() + start, payload.size(), *mask);  // masking and unmasking are one XOR
}

std::string close_payload(std::uint16_t code, std::string_view reason) {
    std::string p;
    p.push_back(static_cast<char>(code >> 8));
    p.push_back(static_cast<char>(code & 0xFF));
    p.append(reason.substr(0, 123));
    return p;
}

}  // namespace chitchat::ws
