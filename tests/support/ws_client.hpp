// A blocking WebSocket client for the tests: connects to a server on 127.0.0.1, sends protocol
// messages and reads typed replies with a deadline.
#pragma once
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "chitchat/protocol.hpp"

namespace test {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;

class WsClient {
public:
    struct Options {
        std::string cookie;               // "chitchat_sid=..." to resume a session
        std::optional<std::string> origin;
        std::string path = "/ws";
        int receive_buffer = 0;           // SO_RCVBUF, to play a client that reads slowly
    };

    WsClient(std::uint16_t port, Options options);
    WsClient(std::uint16_t port) : WsClient(port, Options{}) {}

    // The upgrade failed: the HTTP status the server answered with (0 when it connected).
    unsigned refused_status() const { return refused_status_; }
    // The cookie to resume this session, from the upgrade response (or the one we sent).
    const std::string& cookie() const { return cookie_; }
    std::optional<std::string> set_cookie_header() const { return set_cookie_; }

    void send(const chitchat::proto::ClientMessage& message);
    void send_text(const std::string& text);
    void send_binary(const std::string& data);

    // The next frame, decoded; nothing after `timeout` or once the connection is closed.
    std::optional<chitchat::proto::ServerMessage> next(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    std::optional<std::string> next_text(std::chrono::milliseconds timeout = std::chrono::seconds(5));

    // Skips frames until one of type T arrives.
    template <class T>
    std::optional<T> expect(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return std::nullopt;
            auto m = next(left);
            if (!m) return std::nullopt;
            if (auto* t = std::get_if<T>(&*m)) return *t;
        }
    }

    bool is_open() const { return ws_.is_open(); }
    // The close code once the server closed the connection.
    std::optional<unsigned> close_code() const { return close_code_; }
    void close();

    websocket::stream<beast::tcp_stream>& stream() { return ws_; }

private:
    net::io_context ioc_;
    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    std::string cookie_;
    std::optional<std::string> set_cookie_;
    unsigned refused_status_ = 0;
    std::optional<unsigned> close_code_;
    bool reading_ = false;              // a read is pending across calls to next()
    std::optional<std::string> ready_;  // a frame that arrived and was not yet taken
};

// A named client already in `channel` (joined), for tests that need one quickly.
struct Named {
    WsClient client;
    chitchat::proto::Welcome welcome;
};

}  // namespace test
