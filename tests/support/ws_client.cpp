#include "support/ws_client.hpp"

#include <algorithm>
#include <stdexcept>

namespace test {

WsClient::WsClient(std::uint16_t port, Options options) : cookie_(options.cookie) {
    static std::uint32_t connections = 0;
    options.mask_seed = ++connections;
    WsConnection::Handlers h;
    h.open = [this] { opened_ = true; };
    h.refused = [this](unsigned status) { refused_status_ = status ? status : 1; };
    h.message = [this](std::string_view text) { frames_.emplace_back(text); };
    h.pong = [this](std::string_view payload) { pongs_.emplace_back(payload); };
    h.ended = [this](const WsConnection::Ended& e) {
        ended_ = true;
        if (e.close_code) close_code_ = *e.close_code;
        if (!opened_ && !refused_status_) refused_status_ = 1;
    };
    const boost::asio::ip::tcp::endpoint server(boost::asio::ip::make_address("127.0.0.1"), port);
    connection_ = std::make_shared<WsConnection>(ioc_, server, std::move(options), std::move(h));
    connection_->start();
    run_until([this] { return opened_ || refused_status_ || ended_; }, std::chrono::seconds(5));
    if (!opened_ && !refused_status_) refused_status_ = 1;
    if (const auto& set = connection_->set_cookie()) cookie_ = set->substr(0, set->find(';'));
}

WsClient::~WsClient() { connection_->drop(); }

template <class Done>
void WsClient::run_until(Done done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    ioc_.restart();
    while (!done() && std::chrono::steady_clock::now() < deadline)
        ioc_.run_one_until(deadline);
}

void WsClient::flush() {
    run_until([this] { return !connection_->writing() || ended_; }, std::chrono::seconds(5));
}

void WsClient::send(const chitchat::proto::ClientMessage& message) { send_text(chitchat::proto::encode(message)); }
void WsClient::send_text(const std::string& text) { send_frame(chitchat::ws::text, text, true); }
void WsClient::send_binary(const std::string& data) { send_frame(chitchat::ws::binary, data, true); }

void WsClient::send_frame(chitchat::ws::Opcode opcode, std::string_view payload, bool fin) {
    connection_->send_frame(opcode, payload, fin);
    flush();
}

void WsClient::send_raw(std::string bytes) {
    connection_->send_raw(std::move(bytes));
    flush();
}

void WsClient::ping(std::string_view payload) { send_frame(chitchat::ws::ping, payload, true); }

int WsClient::pongs_with(std::string_view payload) const {
    return static_cast<int>(std::count(pongs_.begin(), pongs_.end(), payload));
}

std::optional<std::string> WsClient::next_text(std::chrono::milliseconds timeout) {
    if (frames_.empty() && !ended_) run_until([this] { return !frames_.empty() || ended_; }, timeout);
    if (frames_.empty()) return std::nullopt;
    std::string frame = std::move(frames_.front());
    frames_.pop_front();
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
    if (ended_) return;
    connection_->close();
    run_until([this] { return ended_; }, std::chrono::seconds(2));
}

}  // namespace test
