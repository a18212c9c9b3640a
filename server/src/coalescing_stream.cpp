#include "coalescing_stream.hpp"

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

void CoalescingStream::write_frames(std::string& frames) {
    if (failed_) {
        frames.clear();
        return;
    }
    if (pending_.empty()) pending_.swap(frames);
    else pending_.append(frames);
    release(frames);
}

void CoalescingStream::close_when_sent() {
    close_when_sent_ = true;
    flush();
}

void CoalescingStream::flush() {
    if (writing_) return;
    if (pending_.empty()) {
        if (close_when_sent_ && next_.is_open()) {
            close_when_sent_ = false;
            boost::beast::error_code ignored;  // the peer answers with EOF; the reader closes then
            next_.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
        }
        return;
    }
    writing_ = true;
    inflight_.swap(pending_);
    inflight_waiters_.swap(pending_waiters_);
    boost::asio::async_write(next_, boost::asio::buffer(inflight_),
                             [this, owner = owner_.lock()](boost::beast::error_code ec, std::size_t) { on_flushed(ec); });
}

void CoalescingStream::on_flushed(boost::beast::error_code ec) {
    writing_ = false;
    auto waiters = std::move(inflight_waiters_);
    inflight_waiters_.clear();
    release(inflight_);
    if (ec) {
        failed_ = ec;
        boost::beast::error_code ignored;
        next_.close(ignored);  // the read fails too, and the connection is forgotten
        release(pending_);
        for (auto& w : pending_waiters_) w(ec);
        pending_waiters_.clear();
    }
    for (auto& w : waiters) w(ec);
    if (!ec) flush();
}

}  // namespace chitchat::server
