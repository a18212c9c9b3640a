#include "bench_client.hpp"

#include "chitchat/protocol.hpp"
#include "chitchat/ws_frames.hpp"

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
    : socket_(ioc), deadline_(ioc), server_(server), host_(std::move(host)), index_(index), plan_(std::move(plan)),
      hooks_(hooks) {}

void BenchClient::start() {
    deadline_.expires_after(std::chrono::seconds(30));
    deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec && self->stage_ != Stage::ready) self->fail("set-up took over 30 s", {});
    });
    socket_.async_connect(server_, beast::bind_front_handler(&BenchClient::on_connect, shared_from_this()));
}

void BenchClient::on_connect(beast::error_code ec) {
    if (ec) return fail("connect", ec);
    socket_.set_option(net::ip::tcp::no_delay(true));
    writing_ = "GET /ws HTTP/1.1\r\nHost: " + host_ +
               "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: Y2hpdGNoYXQtYmVuY2gtMQ==\r\n"
               "Sec-WebSocket-Version: 13\r\n\r\n";
    net::async_write(socket_, net::buffer(writing_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) return self->fail("handshake", ec);
        self->writing_.clear();
        self->do_write();
    });
    in_.resize(4096);
    do_read();
}

void BenchClient::do_read() {
    if (in_.size() - in_used_ < 2048) in_.resize(in_.size() * 2);
    socket_.async_read_some(net::buffer(in_.data() + in_used_, in_.size() - in_used_),
                            beast::bind_front_handler(&BenchClient::on_read, shared_from_this()));
}

void BenchClient::on_read(beast::error_code ec, std::size_t bytes) {
    if (ec) return fail("read", ec);
    in_used_ += bytes;
    if (!upgraded_ && !on_upgrade_response()) return do_read();
    if (!on_frames()) return;
    do_read();
}

bool BenchClient::on_upgrade_response() {
    const std::string_view in(in_.data(), in_used_);
    const auto end = in.find("\r\n\r\n");
    if (end == std::string_view::npos) return false;
    if (in.substr(0, 12) != "HTTP/1.1 101") {
        fail("handshake: " + std::string(in.substr(0, in.find("\r\n"))), {});
        return false;
    }
    upgraded_ = true;
    in_.erase(0, end + 4);  // what follows is already frames
    in_used_ -= end + 4;
    return true;
}

// Server frames are unmasked; the server never fragments its messages.
bool BenchClient::on_frames() {
    std::size_t at = 0;
    while (const auto h = chitchat::ws::parse_header(std::string_view(in_.data() + at, in_used_ - at))) {
        if (in_used_ - at - h->size < h->length) break;
        const std::string_view payload(in_.data() + at + h->size, static_cast<std::size_t>(h->length));
        at += h->size + static_cast<std::size_t>(h->length);
        if (h->opcode == chitchat::ws::text) on_frame(payload);
        else if (h->opcode == chitchat::ws::ping) write_frame(chitchat::ws::pong, payload);
        else if (h->opcode == chitchat::ws::close) {
            fail("closed by the server", {});
            return false;
        }
    }
    in_.erase(0, at);
    in_used_ -= at;
    if (in_.size() < 4096) in_.resize(4096);
    return true;
}

void BenchClient::on_frame(std::string_view frame) {
    using namespace chitchat::proto;
    switch (stage_) {
    case Stage::welcome:
        if (frame_type(frame) != "welcome") break;
        if (plan_.name.empty()) {
            stage_ = Stage::ready;
            deadline_.cancel();
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
        deadline_.cancel();
        if (hooks_.ready) hooks_.ready(*this);
        break;
    case Stage::ready:
        if (hooks_.frame) hooks_.frame(*this, frame);
        break;
    }
}

void BenchClient::send(std::string text) { write_frame(chitchat::ws::text, text); }

// Client frames are masked (RFC 6455 5.3); the key only has to vary, not to be secret, here.
void BenchClient::write_frame(unsigned char opcode, std::string_view payload) {
    const std::uint32_t key = 0x9E3779B9u * static_cast<std::uint32_t>(index_ + 1) + static_cast<std::uint32_t>(out_.size());
    const std::array<unsigned char, 4> mask{static_cast<unsigned char>(key >> 24), static_cast<unsigned char>(key >> 16),
                                           static_cast<unsigned char>(key >> 8), static_cast<unsigned char>(key)};
    chitchat::ws::append_frame(out_, static_cast<chitchat::ws::Opcode>(opcode), payload, &mask);
    do_write();
}

void BenchClient::do_write() {
    if (!writing_.empty() || out_.empty() || !socket_.is_open()) return;
    writing_.swap(out_);
    net::async_write(socket_, net::buffer(writing_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) return self->fail("write", ec);
        self->writing_.clear();
        self->do_write();
    });
}

void BenchClient::close() {
    beast::error_code ec;
    deadline_.cancel();
    socket_.close(ec);
}

void BenchClient::fail(const std::string& what, beast::error_code ec) {
    if (ec == net::error::operation_aborted) return;
    if (stage_ == Stage::ready && (ec == net::error::bad_descriptor)) return;
    deadline_.cancel();
    if (hooks_.failed) hooks_.failed(*this, what + (ec ? ": " + ec.message() : ""));
}

}  // namespace bench
