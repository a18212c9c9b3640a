// A blocking WebSocket client for the tests, over the one WsConnection: connects to a server
// on 127.0.0.1, sends protocol messages and reads typed replies with a deadline.
#pragma once
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "chitchat/protocol.hpp"
#include "support/ws_connection.hpp"

namespace test {

class WsClient {
public:
    using Options = WsConnection::Options;

    WsClient(std::uint16_t port, Options options);
    WsClient(std::uint16_t port) : WsClient(port, Options{}) {}
    ~WsClient();

    // The upgrade failed: the HTTP status the server answered with (0 when it connected).
    unsigned refused_status() const { return refused_status_; }
    // The cookie to resume this session, from the upgrade's answer (or the one we sent).
    const std::string& cookie() const { return cookie_; }
    std::optional<std::string> set_cookie_header() const { return connection_->set_cookie(); }

    // Each send returns once its bytes are written.
    void send(const chitchat::proto::ClientMessage& message);
    void send_text(const std::string& text);
    void send_binary(const std::string& data);
    void send_frame(chitchat::ws::Opcode opcode, std::string_view payload, bool fin);  // fragments
    void send_raw(std::string bytes);
    void ping(std::string_view payload);
    int pongs_with(std::string_view payload) const;

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

    bool is_open() const { return !ended_ && refused_status_ == 0; }
    // The close code once the server closed the connection.
    std::optional<unsigned> close_code() const { return close_code_; }
    void close();

private:
    // Runs the connection until `done` holds or `timeout` passes.
    template <class Done>
    void run_until(Done done, std::chrono::milliseconds timeout);
    void flush();

    boost::asio::io_context ioc_;
    std::shared_ptr<WsConnection> connection_;
    std::string cookie_;
    unsigned refused_status_ = 0;
    bool opened_ = false;
    bool ended_ = false;
    std::optional<unsigned> close_code_;
    std::deque<std::string> frames_;   // arrived, not yet taken
    std::deque<std::string> pongs_;
};

}  // namespace test
