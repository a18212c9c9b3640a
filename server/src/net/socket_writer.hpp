// A connection's outgoing bytes: every frame queued for the connection since the last write
// leaves in one send(2), and nothing is allocated while it is idle.
#pragma once
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <memory>
#include <string>

namespace chitchat::server {

class SocketWriter {
public:
    // `socket` is the owner's, and outlives this writer.
    explicit SocketWriter(boost::asio::ip::tcp::socket& socket) : socket_(socket) {}

    // The object that owns the socket; each write in flight holds it, so it outlives the write.
    void keep_alive_with(std::weak_ptr<void> owner) { owner_ = std::move(owner); }

    // Takes `frames` (made with ws::append_frame) to send, leaving it empty; `flush` sends them.
    void write_frames(std::string& frames);
    // Starts writing everything taken, unless a write is in flight (its end starts the next).
    void flush();
    // Once everything taken is written, shuts down sending (after a close frame): the peer's EOF
    // follows, and the reader closes the socket then.
    void close_when_sent();

    // Bytes taken but not yet written: what a reader that stopped reading piles up.
    std::size_t unsent() const noexcept { return pending_.size() + inflight_.size(); }

private:
    void on_flushed(boost::beast::error_code ec);

    boost::asio::ip::tcp::socket& socket_;
    std::weak_ptr<void> owner_;
    std::string pending_;   // taken while a write is in flight
    std::string inflight_;  // the bytes of the write in flight
    bool writing_ = false;
    bool close_when_sent_ = false;
    bool failed_ = false;   // once a write failed, nothing more is written
};

}  // namespace chitchat::server
