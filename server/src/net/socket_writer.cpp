#include "net/socket_writer.hpp"

#include "net/fail.hpp"

#include <boost/asio/write.hpp>

namespace chitchat::server {
namespace {

// A buffer that grew for a burst is given back once the burst is out, so an idle connection
// holds no buffer at all.
constexpr std::size_t keep_capacity = 16 * 1024;

void release(std::string& buffer) {
    buffer.clear();
    if (buffer.capacity() > keep_capacity) std::string().swap(buffer);
}

}  // namespace

void SocketWriter::write_frames(std::string& frames) {
    if (failed_) {
        frames.clear();
        return;
    }
    if (pending_.empty()) pending_.swap(frames);
    else pending_.append(frames);
    release(frames);
}

void SocketWriter::close_when_sent() {
    close_when_sent_ = true;
    flush();
}

void SocketWriter::flush() {
    if (writing_) return;
    if (pending_.empty()) {
        if (close_when_sent_ && socket_.is_open()) {
            close_when_sent_ = false;
            boost::beast::error_code ignored;  // the peer answers with EOF; the reader closes then
            socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
        }
        return;
    }
    writing_ = true;
    inflight_.swap(pending_);
    boost::asio::async_write(socket_, boost::asio::buffer(inflight_),
                             [this, owner = owner_.lock()](boost::beast::error_code ec, std::size_t) { on_flushed(ec); });
}

void SocketWriter::on_flushed(boost::beast::error_code ec) {
    writing_ = false;
    release(inflight_);
    if (ec) {
        fail(ec, "WebSocket write");
        failed_ = true;
        release(pending_);
        boost::beast::error_code ignored;
        socket_.close(ignored);  // the read fails too, and the connection is forgotten
        return;
    }
    flush();
}

}  // namespace chitchat::server
