#include "ws_client.hpp"

#include <stdexcept>

namespace test {

WsClient::WsClient(std::uint16_t port, Options options) : ws_(ioc_) {
    auto& tcp = beast::get_lowest_layer(ws_);
    tcp.expires_after(std::chrono::seconds(5));
    const net::ip::tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
    if (options.receive_buffer > 0) {
        tcp.socket().open(endpoint.protocol());
        tcp.socket().set_option(net::socket_base::receive_buffer_size(options.receive_buffer));
        tcp.socket().connect(endpoint);
    } else {
        tcp.connect(endpoint);
    }
    tcp.expires_never();
    cookie_ = options.cookie;
    ws_.set_option(websocket::stream_base::decorator([options](websocket::request_type& req) {
        if (!options.cookie.empty()) req.set(beast::http::field::cookie, options.cookie);
        if (options.origin) req.set(beast::http::field::origin, *options.origin);
    }));
    ws_.read_message_max(64 * 1024 * 1024);
    websocket::response_type res;
    beast::error_code ec;
    ws_.handshake(res, "127.0.0.1:" + std::to_string(port), options.path, ec);
    if (ec) {
        refused_status_ = res.result_int() ? res.result_int() : 1;
        return;
    }
    if (const auto it = res.find(beast::http::field::set_cookie); it != res.end()) {
        set_cookie_ = std::string(it->value());
        cookie_ = set_cookie_->substr(0, set_cookie_->find(';'));
    }
}

void WsClient::send(const chitchat::proto::ClientMessage& message) { send_text(chitchat::proto::encode(message)); }

void WsClient::send_text(const std::string& text) {
    ws_.text(true);
    ws_.write(net::buffer(text));
}

void WsClient::send_binary(const std::string& data) {
    ws_.binary(true);
    ws_.write(net::buffer(data));
}

std::optional<std::string> WsClient::next_text(std::chrono::milliseconds timeout) {
    if (!ready_ && !reading_ && ws_.is_open()) {
        reading_ = true;
        buffer_.consume(buffer_.size());
        ws_.async_read(buffer_, [this](beast::error_code ec, std::size_t) {
            reading_ = false;
            if (!ec) ready_ = beast::buffers_to_string(buffer_.data());
            // The close frame may have come in even when answering it failed (the server hung up).
            else if (ws_.reason().code != websocket::close_code::none) close_code_ = ws_.reason().code;
        });
    }
    if (!ready_ && reading_) {
        ioc_.restart();
        ioc_.run_for(timeout);
    }
    auto frame = std::move(ready_);
    ready_.reset();
    return frame;
}

std::optional<chitchat::proto::ServerMessage> WsClient::next(std::chrono::milliseconds timeout) {
    auto text = next_text(timeout);
    if (!text) return std::nullopt;
    auto decoded = chitchat::proto::decode_server(*text);
    if (!decoded) throw std::runtime_error("undecodable frame from the server: " + *text);
    return *decoded;
}

void WsClient::close() {
    if (!ws_.is_open()) return;
    ws_.async_close(websocket::close_code::normal, [](beast::error_code) {});
    ioc_.restart();
    ioc_.run_for(std::chrono::seconds(2));
}

}  // namespace test
