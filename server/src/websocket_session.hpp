// One WebSocket connection: reads frames into the hub and writes the frames the hub delivers,
// every frame queued since the last write in one send, bounded, all on this connection's strand.
#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <memory>
#include <mutex>
#include <vector>
#include <optional>
#include <string>

#include "coalescing_stream.hpp"
#include "connection_limit.hpp"
#include "flusher.hpp"
#include "http_routes.hpp"
#include "hub.hpp"

namespace chitchat::server {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

class WebsocketSession : public Peer, public Flusher::Target, public std::enable_shared_from_this<WebsocketSession> {
public:
    using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;

    WebsocketSession(boost::asio::ip::tcp::socket&& socket, Hub& hub, Flusher& flusher, std::string sid,
                     ConnectionSlot slot);

    // Answers the upgrade request (with the session cookie, when it is new) and starts reading.
    void run(Request request, std::optional<std::string> set_cookie);

    void deliver(const Frame& frame) override;
    void go_away() override;
    void flush() override;

private:
    void on_accept(beast::error_code ec);
    void do_read();
    void on_read(beast::error_code ec, std::size_t bytes);
    void on_inbox();
    void take_inbox();
    void on_go_away();

    Strand strand_;  // the socket's own executor, by its type
    websocket::stream<CoalescingStream> ws_;
    beast::flat_buffer buffer_;
    Hub& hub_;
    Flusher& flusher_;
    std::string sid_;
    ConnectionSlot slot_;
    std::mutex inbox_mutex_;          // deliver() may be called from any thread
    std::string inbox_;                // frames delivered, framed, not yet taken onto the strand
    bool inbox_scheduled_ = false;     // a post to take them is on its way
    std::string taken_;                // taken from the inbox, handed to the stream (strand only)
    bool open_ = false;      // joined the hub and not yet left it
    bool closing_ = false;   // a close was started; nothing more is written
};

}  // namespace chitchat::server
