// The one WebSocket client of the tests, the load generator and the soak: an asynchronous
// connection over a plain Asio socket that sends the upgrade request, reads the answer and
// then speaks WebSocket with shared/'s reader and writer. Many share one io_context; it is
// cheap enough for the load generator (one read takes every frame that arrived, messages are
// handed over as views, no copy) and exposes enough of the wire for the tests (fragments,
// pings, raw bytes). Everything runs on the io_context's thread.
#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chitchat/ws_frames.hpp"
#include "chitchat/ws_reader.hpp"

namespace test {

class WsConnection : public std::enable_shared_from_this<WsConnection> {
public:
    struct Options {
        std::string path = "/ws";
        std::string cookie;                 // "chitchat_sid=..." to resume a session
        std::optional<std::string> origin;
        std::vector<std::pair<std::string, std::string>> headers;  // more request headers
        int receive_buffer = 0;             // SO_RCVBUF, to play a client that reads slowly
        std::uint32_t mask_seed = 1;        // varies the masking keys between connections
    };
    // How the connection ended: by a close frame (its code), or by losing the socket.
    struct Ended {
        std::optional<std::uint16_t> close_code;
        std::string why;                    // empty for a clean close
    };
    struct Handlers {
        std::function<void()> open;                           // upgraded: frames may flow
        std::function<void(unsigned status)> refused;         // the upgrade was answered otherwise
        std::function<void(std::string_view text)> message;   // one whole text message
        std::function<void(std::string_view payload)> pong;
        std::function<void(const Ended&)> ended;              // once, whatever the cause
    };

    WsConnection(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint server, Options options,
                 Handlers handlers);

    void start();

    void send_text(std::string_view text) { send_frame(chitchat::ws::text, text); }
    // One frame; fin = false starts or continues a fragmented message.
    void send_frame(chitchat::ws::Opcode opcode, std::string_view payload, bool fin = true);
    // Bytes as they are, for tests of frames no well-behaved client writes.
    void send_raw(std::string bytes);
    // Sends a close frame; the connection ends when the server's answer (or EOF) arrives.
    void close(std::uint16_t code = chitchat::ws::close_code::normal);
    // Closes the socket at once, as a client that vanished; `ended` is not called.
    void drop();

    bool is_open() const { return upgraded_ && !ended_; }
    bool writing() const { return !writing_.empty() || !out_.empty(); }
    // The Set-Cookie header of the upgrade's answer, if it had one.
    const std::optional<std::string>& set_cookie() const { return set_cookie_; }

private:
    void on_connect(boost::system::error_code ec);
    void do_read();
    void on_read(boost::system::error_code ec, std::size_t bytes);
    bool on_upgrade_answer();          // false until the whole answer is in
    void take_events();
    void do_write();
    void end(std::optional<std::uint16_t> code, std::string why);

    boost::asio::ip::tcp::socket socket_;
    boost::asio::ip::tcp::endpoint server_;
    Options options_;
    Handlers handlers_;
    std::string answer_;               // the upgrade's answer, until its blank line
    chitchat::ws::Reader reader_;
    std::string out_;                  // frames to write after the one in flight
    std::string writing_;              // the write in flight
    std::uint32_t mask_state_;
    std::optional<std::string> set_cookie_;
    bool upgraded_ = false;
    bool closing_ = false;             // our close frame is out
    bool ended_ = false;
};

}  // namespace test
