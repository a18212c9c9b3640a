#include "chitchat/ws_reader.hpp"

#include <algorithm>

#include "chitchat/text.hpp"
#include "chitchat/ws_frames.hpp"

namespace chitchat::ws {

char* Reader::prepare(std::size_t size) {
    if (at_ == size_) at_ = size_ = 0;  // everything was taken: start over at the front
    if (in_.size() < size_ + size) in_.resize(size_ + size);
    return in_.data() + size_;
}

void Reader::commit(std::size_t size) {
    size_ += size;
    if (stopped_) at_ = size_;  // after a close or a failure, input is only drained
}

void Reader::append(std::string_view bytes) {
    std::copy(bytes.begin(), bytes.end(), prepare(bytes.size()));
    commit(bytes.size());
}

void Reader::release_if_idle() {
    if (at_ != size_) return;
    at_ = size_ = 0;
    std::string().swap(in_);
}

Event Reader::fail(std::uint16_t code, std::string_view reason) {
    stopped_ = true;
    assembling_ = false;
    std::string().swap(fragments_);
    at_ = size_;
    return Event{Event::failed, reason, code};
}

// A complete message: text must be UTF-8 (RFC 6455 8.1).
std::optional<Event> Reader::message(Event::Kind kind, std::string_view payload) {
    if (kind == Event::text && !text::is_valid_utf8(payload)) return fail(close_code::bad_payload, "text frames are UTF-8");
    return Event{kind, payload, 0};
}

std::optional<Event> Reader::next() {
    if (!assembling_ && !fragments_.empty()) std::string().swap(fragments_);  // the last one was taken
    while (!stopped_) {
        const auto h = parse_header(std::string_view(in_.data() + at_, size_ - at_));
        if (!h) break;
        if (h->masked != (role_ == Role::server))
            return fail(close_code::protocol_error, role_ == Role::server ? "client frames are masked" : "server frames are not masked");
        if (h->reserved_bits) return fail(close_code::protocol_error, "no extension was negotiated");
        if (h->opcode >= 0x8 && (!h->fin || h->length > 125)) return fail(close_code::protocol_error, "bad control frame");
        // Checked before the payload is in, so nothing is buffered for a message that is too big;
        // the first test keeps the sum from wrapping.
        if (h->opcode < 0x8 && (h->length > max_message_ || fragments_.size() + h->length > max_message_))
            return fail(close_code::too_big, "message too big");
        if (size_ - at_ - h->size < h->length) break;  // the rest is on its way
        char* data = in_.data() + at_ + h->size;
        const auto length = static_cast<std::size_t>(h->length);
        if (h->masked) unmask(data, length, h->mask);
        at_ += h->size + length;
        const std::string_view payload(data, length);

        switch (h->opcode) {
        case ws::text:
        case ws::binary: {
            if (assembling_) return fail(close_code::protocol_error, "a new message inside a fragmented one");
            const auto kind = h->opcode == ws::text ? Event::text : Event::binary;
            if (h->fin) return message(kind, payload);
            assembling_ = true;
            fragments_kind_ = kind;
            fragments_.assign(payload);
            continue;
        }
        case ws::continuation:
            if (!assembling_) return fail(close_code::protocol_error, "a continuation of nothing");
            fragments_.append(payload);
            if (!h->fin) continue;
            assembling_ = false;
            return message(fragments_kind_, fragments_);
        case ws::close: {
            stopped_ = true;
            const std::uint16_t code = length >= 2 ? static_cast<std::uint16_t>(
                                                         (static_cast<unsigned char>(payload[0]) << 8) |
                                                         static_cast<unsigned char>(payload[1]))
                                                   : 0;
            return Event{Event::close, payload, code};
        }
        case ws::ping: return Event{Event::ping, payload, 0};
        case ws::pong: return Event{Event::pong, payload, 0};
        default: return fail(close_code::protocol_error, "unknown opcode");
        }
    }
    if (at_ > 0) {  // the start of a frame that is not all in yet moves to the front
        std::copy(in_.begin() + static_cast<std::ptrdiff_t>(at_), in_.begin() + static_cast<std::ptrdiff_t>(size_),
                  in_.begin());
        size_ -= at_;
        at_ = 0;
    }
    return std::nullopt;
}

}  // namespace chitchat::ws
