#include "support/ws_connection.hpp"

#include <boost/asio/write.hpp>
#include <array>
#include <cctype>
#include <cstdlib>

#include "chitchat/limits.hpp"

namespace test {

namespace net = boost::asio;
namespace ws = chitchat::ws;
using boost::system::error_code;

namespace {

constexpr std::size_t read_size = 64 * 1024;

// The value of header `name` (lowercase) in an HTTP answer, if present.
std::optional<std::string> header(std::string_view answer, std::string_view name) {
    for (std::size_t at = answer.find("\r\n"); at != std::string_view::npos;) {
        const std::size_t start = at + 2;
        const std::size_t end = answer.find("\r\n", start);
        const std::string_view line = answer.substr(start, end - start);
        at = end;
        const std::size_t colon = line.find(':');
        if (colon != name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < colon; ++i) same = same && std::tolower(static_cast<unsigned char>(line[i])) == name[i];
        if (!same) continue;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        return std::string(value);
    }
    return std::nullopt;
}

}  // namespace

WsConnection::WsConnection(net::io_context& ioc, net::ip::tcp::endpoint server, Options options, Handlers handlers)
    : socket_(ioc), server_(server), options_(std::move(options)), handlers_(std::move(handlers)),
      reader_(ws::Role::client, chitchat::limits::server_frame_bytes), mask_state_(options_.mask_seed * 2654435761u | 1) {}

void WsConnection::start() {
    error_code ec;
    socket_.open(server_.protocol(), ec);
    if (!ec && options_.receive_buffer > 0)
        socket_.set_option(net::socket_base::receive_buffer_size(options_.receive_buffer), ec);
    socket_.async_connect(server_, [self = shared_from_this()](error_code ec) { self->on_connect(ec); });
}

void WsConnection::on_connect(error_code ec) {
    if (ec) return end(std::nullopt, "connect: " + ec.message());
    socket_.set_option(net::ip::tcp::no_delay(true), ec);
    std::string request = "GET " + options_.path + " HTTP/1.1\r\nHost: " + server_.address().to_string() + ":" +
                          std::to_string(server_.port()) +
                          "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: Y2hpdGNoYXQtY2xpZW50IQ==\r\n"
                          "Sec-WebSocket-Version: 13\r\n";
    if (!options_.cookie.empty()) request += "Cookie: " + options_.cookie + "\r\n";
    if (options_.origin) request += "Origin: " + *options_.origin + "\r\n";
    for (const auto& [name, value] : options_.headers) request += name + ": " + value + "\r\n";
    send_raw(request + "\r\n");
    do_read();
}

void WsConnection::do_read() {
    if (ended_) return;
    char* into = nullptr;
    if (upgraded_) {
        into = reader_.prepare(read_size);
    } else {  // the answer to the upgrade, read apart from the frames
        answer_.resize(answer_.size() + read_size);
        into = answer_.data() + answer_.size() - read_size;
    }
    socket_.async_read_some(net::buffer(into, read_size),
                            [self = shared_from_this()](error_code ec, std::size_t n) { self->on_read(ec, n); });
}

void WsConnection::on_read(error_code ec, std::size_t bytes) {
    if (ended_) return;
    if (upgraded_) reader_.commit(bytes);
    else answer_.resize(answer_.size() - read_size + bytes);
    if (ec) return end(std::nullopt, ec == net::error::eof ? "the server hung up" : "read: " + ec.message());
    if (!upgraded_ && !on_upgrade_answer()) return ended_ ? void() : do_read();
    take_events();
    do_read();
}

bool WsConnection::on_upgrade_answer() {
    const std::size_t blank = answer_.find("\r\n\r\n");
    if (blank == std::string::npos) {
        if (answer_.size() > 64 * 1024) end(std::nullopt, "no end to the upgrade's answer");
        return false;
    }
    const std::string_view head(answer_.data(), blank + 2);
    // "HTTP/1.1 101 Switching Protocols"
    const unsigned status = head.size() > 12 ? static_cast<unsigned>(std::atoi(std::string(head.substr(9, 3)).c_str())) : 0;
    if (status != 101) {
        ended_ = true;
        error_code ignored;
        socket_.close(ignored);
        if (handlers_.refused) handlers_.refused(status);
        return false;
    }
    set_cookie_ = header(head, "set-cookie");
    upgraded_ = true;
    reader_.append(std::string_view(answer_).substr(blank + 4));  // frames may follow at once
    std::string().swap(answer_);
    if (handlers_.open) handlers_.open();
    return !ended_;
}

void WsConnection::take_events() {
    while (!ended_) {
        const auto e = reader_.next();
        if (!e) return;
        switch (e->kind) {
        case ws::Event::text:
            if (handlers_.message) handlers_.message(e->payload);
            break;
        case ws::Event::binary: break;  // the server sends only text
        case ws::Event::ping: send_frame(ws::pong, e->payload); break;
        case ws::Event::pong:
            if (handlers_.pong) handlers_.pong(e->payload);
            break;
        case ws::Event::close: {
            const std::uint16_t code = e->code;
            if (!closing_) send_frame(ws::close, e->payload.substr(0, 2));  // answered with its code
            return end(code, {});
        }
        case ws::Event::failed: return end(std::nullopt, "the server broke the protocol: " + std::string(e->payload));
        }
    }
}

// Client frames are masked (RFC 6455 5.3); the key only has to vary here, not to be secret.
void WsConnection::send_frame(ws::Opcode opcode, std::string_view payload, bool fin) {
    mask_state_ ^= mask_state_ << 13;
    mask_state_ ^= mask_state_ >> 17;
    mask_state_ ^= mask_state_ << 5;
    const std::array<unsigned char, 4> mask{static_cast<unsigned char>(mask_state_ >> 24),
                                           static_cast<unsigned char>(mask_state_ >> 16),
                                           static_cast<unsigned char>(mask_state_ >> 8),
                                           static_cast<unsigned char>(mask_state_)};
    const std::size_t start = out_.size();
    ws::append_frame(out_, opcode, payload, &mask);
    if (!fin) out_[start] = static_cast<char>(out_[start] & 0x7F);
    do_write();
}

void WsConnection::send_raw(std::string bytes) {
    out_ += bytes;
    do_write();
}

void WsConnection::close(std::uint16_t code) {
    if (closing_ || ended_) return;
    closing_ = true;
    send_frame(ws::close, ws::close_payload(code));
}

void WsConnection::drop() {
    ended_ = true;
    error_code ignored;
    socket_.close(ignored);
}

void WsConnection::do_write() {
    if (!writing_.empty() || out_.empty() || !socket_.is_open()) return;
    writing_.swap(out_);
    net::async_write(socket_, net::buffer(writing_), [self = shared_from_this()](error_code ec, std::size_t) {
        self->writing_.clear();
        error_code ignored;
        if (ec) {
            self->end(std::nullopt, "write: " + ec.message());
            return self->socket_.close(ignored);
        }
        if (!self->out_.empty()) return self->do_write();
        if (self->ended_) self->socket_.close(ignored);  // the last write after the end is out
    });
}

void WsConnection::end(std::optional<std::uint16_t> code, std::string why) {
    if (ended_) return;
    ended_ = true;
    if (!writing()) {
        error_code ignored;
        socket_.close(ignored);
    } else {  // the answer to a close is on its way: let it go, then the socket goes with us
        error_code ignored;
        socket_.shutdown(net::ip::tcp::socket::shutdown_receive, ignored);
    }
    if (handlers_.ended) handlers_.ended(Ended{code, std::move(why)});
}

}  // namespace test
