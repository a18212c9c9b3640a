// A connection's socket and its outgoing bytes: every frame queued for the connection since the
// last write leaves in one send(2), and nothing is allocated while it is idle.
//
// It is also an AsyncStream, so that Beast's websocket stream can answer the upgrade through it
// (its writes complete once their bytes are on the wire, as with a plain socket); after that the
// session frames and reads everything itself (ws_frames.hpp).
#pragma once
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/websocket/teardown.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chitchat::server {

class CoalescingStream {
public:
    // A plain socket: the websocket stream keeps its own timeouts, so Beast's tcp_stream timer
    // would only cost a wrapper per read and write.
    using next_layer_type = boost::asio::ip::tcp::socket;
    using executor_type = next_layer_type::executor_type;

    explicit CoalescingStream(boost::asio::ip::tcp::socket&& socket) : next_(std::move(socket)) {}
    CoalescingStream(CoalescingStream&&) = default;  // only while nothing is in flight
    CoalescingStream& operator=(CoalescingStream&&) = default;

    // The object that owns this stream; each write in flight holds it, so it outlives the write.
    void keep_alive_with(std::weak_ptr<void> owner) { owner_ = std::move(owner); }

    executor_type get_executor() noexcept { return next_.get_executor(); }
    next_layer_type& next_layer() noexcept { return next_; }
    const next_layer_type& next_layer() const noexcept { return next_; }

    template <class Buffers, class Handler>
    auto async_read_some(const Buffers& buffers, Handler&& handler) {
        return next_.async_read_some(buffers, std::forward<Handler>(handler));
    }

    // Beast's writes: appended in order, completed when the flush that carries them is done.
    template <class Buffers, class Handler>
    auto async_write_some(const Buffers& buffers, Handler&& handler) {
        return boost::asio::async_initiate<Handler, void(boost::beast::error_code, std::size_t)>(
            [this](auto h, const Buffers& b) {
                const std::size_t n = boost::asio::buffer_size(b);
                auto shared = std::make_shared<decltype(h)>(std::move(h));
                auto complete = [shared, n](boost::beast::error_code ec) {
                    auto ex = boost::asio::get_associated_executor(*shared);
                    boost::asio::post(ex, [shared, ec, n] { (*shared)(ec, ec ? 0 : n); });
                };
                if (failed_) return complete(failed_);
                for (auto it = boost::asio::buffer_sequence_begin(b); it != boost::asio::buffer_sequence_end(b); ++it) {
                    const boost::asio::const_buffer buf(*it);
                    pending_.append(static_cast<const char*>(buf.data()), buf.size());
                }
                pending_waiters_.push_back(std::move(complete));
                flush();
            },
            handler, buffers);
    }

    // Takes `frames` (made with ws::append_frame) to send, leaving it empty; `flush` sends them.
    void write_frames(std::string& frames);
    // Starts writing everything appended, unless a write is in flight (its end starts the next).
    void flush();

    // Once everything taken is written, shuts down sending (after a close frame): the peer's EOF
    // follows, and the reader closes the socket then.
    void close_when_sent();

    // Bytes accepted but not yet written: what a reader that stopped reading piles up.
    std::size_t unsent() const noexcept { return pending_.size() + inflight_.size(); }

private:
    void on_flushed(boost::beast::error_code ec);

    next_layer_type next_;
    std::weak_ptr<void> owner_;
    std::string pending_;   // appended while a write is in flight
    std::string inflight_;  // the bytes of the write in flight
    std::vector<std::function<void(boost::beast::error_code)>> pending_waiters_;
    std::vector<std::function<void(boost::beast::error_code)>> inflight_waiters_;
    bool writing_ = false;
    bool close_when_sent_ = false;
    boost::beast::error_code failed_;  // once a write failed, every later one fails the same way
};

// Closing the connection flushes nothing more: Beast's close frame already completed, so the
// socket is shut down the way it would be without this layer.
template <class Handler>
void async_teardown(boost::beast::role_type role, CoalescingStream& stream, Handler&& handler) {
    using boost::beast::websocket::async_teardown;
    async_teardown(role, stream.next_layer(), std::forward<Handler>(handler));
}

inline void teardown(boost::beast::role_type role, CoalescingStream& stream, boost::beast::error_code& ec) {
    using boost::beast::websocket::teardown;
    teardown(role, stream.next_layer(), ec);
}

}  // namespace chitchat::server
