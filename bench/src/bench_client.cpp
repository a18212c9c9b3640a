#include "bench_client.hpp"

#include "chitchat/protocol.hpp"

namespace bench {

std::string_view frame_type(std::string_view frame) {
    constexpr std::string_view key = "\"type\":\"";
    const auto at = frame.find(key);
    if (at == std::string_view::npos) return {};
    const auto start = at + key.size();
    return frame.substr(start, frame.find('"', start) - start);
}

BenchClient::BenchClient(net::io_context& ioc, net::ip::tcp::endpoint server, std::string host, int index, Plan plan,
                         Hooks& hooks)
    : ws_(ioc), server_(server), host_(std::move(host)), index_(index), plan_(std::move(plan)), hooks_(hooks) {}

void BenchClient::start() {
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(ws_).async_connect(server_, beast::bind_front_handler(&BenchClient::on_connect, shared_from_this()));
}

void BenchClient::on_connect(beast::error_code ec) {
    if (ec) return fail("connect", ec);
    beast::get_lowest_layer(ws_).socket().set_option(net::ip::tcp::no_delay(true));
    ws_.read_message_max(16 * 1024 * 1024);
    ws_.async_handshake(host_, "/ws", beast::bind_front_handler(&BenchClient::on_handshake, shared_from_this()));
}

void BenchClient::on_handshake(beast::error_code ec) {
    if (ec) return fail("handshake", ec);
    do_read();
}

void BenchClient::do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&BenchClient::on_read, shared_from_this()));
}

void BenchClient::on_read(beast::error_code ec, std::size_t) {
    if (ec) return fail("read", ec);
    const auto data = buffer_.cdata();
    const std::string_view frame(static_cast<const char*>(data.data()), data.size());
    using namespace chitchat::proto;
    switch (stage_) {
    case Stage::welcome:
        if (frame_type(frame) != "welcome") break;
        if (plan_.name.empty()) {
            stage_ = Stage::ready;
            beast::get_lowest_layer(ws_).expires_never();
            if (hooks_.ready) hooks_.ready(*this);
            break;
        }
        stage_ = Stage::session;
        send(encode(ClientMessage{SetName{plan_.name}}));
        break;
    case Stage::session:
        if (frame_type(frame) == "error") return fail(std::string(frame), {});
        if (frame_type(frame) != "session") break;
        stage_ = Stage::joined;
        send(plan_.create ? encode(ClientMessage{CreateChannel{plan_.channel}})
                          : encode(ClientMessage{Join{plan_.channel, std::nullopt}}));
        break;
    case Stage::joined:
        if (frame_type(frame) == "error") return fail(std::string(frame), {});
        if (frame_type(frame) != "joined") break;
        stage_ = Stage::ready;
        beast::get_lowest_layer(ws_).expires_never();  // set up within 30 s, or failed
        if (hooks_.ready) hooks_.ready(*this);
        break;
    case Stage::ready:
        if (hooks_.frame) hooks_.frame(*this, frame);
        break;
    }
    buffer_.consume(buffer_.size());
    do_read();
}

void BenchClient::send(std::string text) {
    queue_.push_back(std::move(text));
    if (queue_.size() > 1) return;
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front()), beast::bind_front_handler(&BenchClient::on_write, shared_from_this()));
}

void BenchClient::on_write(beast::error_code ec, std::size_t) {
    if (ec) return fail("write", ec);
    queue_.pop_front();
    if (!queue_.empty())
        ws_.async_write(net::buffer(queue_.front()), beast::bind_front_handler(&BenchClient::on_write, shared_from_this()));
}

void BenchClient::close() {
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
}

void BenchClient::fail(const std::string& what, beast::error_code ec) {
    if (ec == net::error::operation_aborted || ec == websocket::error::closed) return;
    if (stage_ == Stage::ready && (ec == net::error::bad_descriptor)) return;
    if (hooks_.failed) hooks_.failed(*this, what + (ec ? ": " + ec.message() : ""));
}

}  // namespace bench
