// Reading a WebSocket connection (RFC 6455), with no I/O: bytes in, events out. One reader
// serves both ends: a server reads a client's frames (masked), a client a server's (unmasked).
// It checks every rule a reader must (masking, the reserved bits, control frames final and at
// most 125 bytes, the message size, including a fragment whose length would wrap the size of
// the message it continues, fragments in order, known opcodes, UTF-8 in text) and puts
// fragmented messages together. A broken rule is one `failed` event with the close code to
// answer with; after it, or after a close, it reads nothing more.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chitchat::ws {

namespace close_code {
inline constexpr std::uint16_t normal = 1000, going_away = 1001, protocol_error = 1002, bad_payload = 1007,
                               too_big = 1009, service_restart = 1012;
}

enum class Role {
    server,  // reads a client: frames must be masked
    client,  // reads a server: frames must not be
};

struct Event {
    enum Kind { text, binary, ping, pong, close, failed };
    Kind kind = failed;
    // text/binary: the whole message; ping/pong/close: the frame's payload; failed: the reason.
    std::string_view payload;
    // close: the peer's code (0 when it sent none); failed: the code to close with.
    std::uint16_t code = 0;
};

class Reader {
public:
    Reader(Role role, std::size_t max_message) : role_(role), max_message_(max_message) {}

    // `size` bytes of room after what is buffered, to read into; then `commit` what was read.
    char* prepare(std::size_t size);
    void commit(std::size_t size);
    void append(std::string_view bytes);

    // The next event in what was read so far, or nothing until more arrives. An event's views
    // stay valid until the next call to next(), prepare() or append().
    std::optional<Event> next();

    // Nothing will be read any more: the peer closed, or broke a rule.
    bool stopped() const { return stopped_; }
    // Drops what was read and not yet taken (after this side sent its close, input is only
    // drained until the peer's EOF).
    void discard() { at_ = size_; }
    // Gives the buffer back when no bytes are waiting in it: an idle connection holds none.
    void release_if_idle();

private:
    std::optional<Event> message(Event::Kind kind, std::string_view payload);
    Event fail(std::uint16_t code, std::string_view reason);

    Role role_;
    std::size_t max_message_;
    std::string in_;                  // in_[at_, size_) read and not yet taken; room after size_
    std::size_t at_ = 0;
    std::size_t size_ = 0;
    std::string fragments_;           // a fragmented message being put together, or the last one
                                      // completed (the view's storage until the next call)
    Event::Kind fragments_kind_ = Event::text;
    bool assembling_ = false;
    bool stopped_ = false;
};

}  // namespace chitchat::ws
