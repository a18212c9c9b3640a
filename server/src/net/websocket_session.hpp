// One WebSocket connection: reads client frames into the hub and writes the frames the hub
// delivers, every frame queued since the last write in one send, bounded, all on this
// connection's strand. Beast answers the upgrade; after that the session speaks the protocol
// itself over the plain socket (ws_reader.hpp reads, ws_frames.hpp writes), so that an idle connection holds no buffer at
// all: it waits for the socket to become readable, then reads what is there.
#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/error.hpp>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "chitchat/limits.hpp"
#include "chitchat/ws_frames.hpp"
#include "chitchat/ws_reader.hpp"
#include "net/connection_limit.hpp"
#include "net/flusher.hpp"
#include "http/request.hpp"
#include "chat/hub.hpp"
#include "net/socket_writer.hpp"

namespace chitchat::server {

class WebsocketSession : public Peer, public Flusher::Target, public std::enable_shared_from_this<WebsocketSession> {
public:
    using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;

    WebsocketSession(boost::asio::ip::tcp::socket&& socket, Hub& hub, Flusher& flusher, std::string sid, int version,
                     ConnectionSlot slot);

    // Answers the upgrade request (with the session cookie, when it is new) and starts reading.
    void run(Request request, std::optional<std::string> set_cookie);

    void deliver(const Encoded& message) override;
    void go_away() override;
    void check_idle(std::int64_t now_ms) override;
    void flush() override;

private:
    void on_accept(boost::beast::error_code ec);
    void wait_readable();
    void on_readable(boost::beast::error_code ec);
    bool read_available();           // false once the connection is gone
    void take_events();              // every message and control frame read so far
    void answer_close(std::string_view payload);
    void send_control(ws::Opcode opcode, std::string_view payload);
    void close_with(std::uint16_t code, std::string_view reason);
    void lost();
    void on_inbox();
    void take_inbox();

    Strand strand_;  // the socket's own executor, by its type
    boost::asio::ip::tcp::socket socket_;
    SocketWriter out_;                 // writes to socket_
    Hub& hub_;
    Flusher& flusher_;
    std::string sid_;
    int version_;  // the protocol it speaks: 1 on /ws, 2 on /ws?v=2
    ConnectionSlot slot_;
    ws::Reader reader_{ws::Role::server, limits::client_frame_bytes};  // holds no buffer while idle
    std::mutex inbox_mutex_;           // deliver() may be called from any thread
    std::string inbox_;                // frames delivered, framed, not yet taken onto the strand
    bool inbox_scheduled_ = false;     // a flush of them is on its way
    std::string taken_;                // taken from the inbox, handed to the stream (strand only)
    std::atomic<std::int64_t> last_heard_ms_{0};  // for the idle sweep (any thread)
    std::atomic<bool> pinged_{false};
    bool open_ = false;      // joined the hub and not yet left it
    bool closing_ = false;   // a close was started; nothing more is written, input is dropped
};

}  // namespace chitchat::server
