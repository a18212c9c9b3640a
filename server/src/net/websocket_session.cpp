#include "net/websocket_session.hpp"

#include <boost/asio/post.hpp>
#include <boost/beast/websocket.hpp>

#include "chitchat/limits.hpp"
#include "clock.hpp"
#include "net/fail.hpp"
#include "log.hpp"

namespace chitchat::server {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

// A connection whose unsent frames pass this is not reading: it is closed, the others are not
// slowed. A full `joined` can pass 1 MiB, so the bound is a few of those.
constexpr std::size_t max_queued_bytes = 4 * 1024 * 1024;
// Read at most this much from one connection per turn, so that one sender cannot starve others.
constexpr std::size_t max_read_per_turn = 256 * 1024;
// A ping after 30 s of silence; closed after 60 s (the sweep runs every few seconds).
constexpr std::int64_t ping_after_ms = 30'000;
constexpr std::int64_t close_after_ms = 60'000;

// The listener gives each connection a strand of its own; posting to it by its concrete type
// spares the type-erased executor's costs on every delivery burst.
WebsocketSession::Strand connection_strand(net::ip::tcp::socket& socket) {
    const auto* strand = socket.get_executor().target<WebsocketSession::Strand>();
    if (!strand) throw std::logic_error("a WebSocket connection needs a strand of its own");
    return *strand;
}

}  // namespace

WebsocketSession::WebsocketSession(net::ip::tcp::socket&& socket, Hub& hub, Flusher& flusher, std::string sid,
                                   int version, ConnectionSlot slot)
    : strand_(connection_strand(socket)), socket_(std::move(socket)), out_(socket_), hub_(hub), flusher_(flusher),
      sid_(std::move(sid)), version_(version), slot_(std::move(slot)) {}

// Beast checks the upgrade and writes the answer; its stream lives only for that.
void WebsocketSession::run(Request request, std::optional<std::string> set_cookie) {
    out_.keep_alive_with(weak_from_this());
    auto handshake = std::make_shared<websocket::stream<net::ip::tcp::socket>>(std::move(socket_));
    handshake->set_option(websocket::stream_base::decorator([cookie = std::move(set_cookie)](websocket::response_type& res) {
        res.set(beast::http::field::server, "chitchat");
        if (cookie) res.set(beast::http::field::set_cookie, *cookie);
    }));
    handshake->async_accept(request, [self = shared_from_this(), handshake](beast::error_code ec) {
        self->socket_ = std::move(handshake->next_layer());  // nothing is in flight: the answer is out
        self->on_accept(ec);
    });
}

void WebsocketSession::on_accept(beast::error_code ec) {
    if (ec) return fail(ec, "WebSocket upgrade");  // never joined, nothing to undo
    beast::error_code ignored;
    socket_.non_blocking(true, ignored);
    open_ = true;
    last_heard_ms_ = now_ms();
    hub_.connect(shared_from_this(), sid_, version_);
    wait_readable();
}

// Idle, a connection holds no read buffer: it waits for bytes, then reads what is there.
void WebsocketSession::wait_readable() {
    reader_.release_if_idle();
    socket_.async_wait(net::ip::tcp::socket::wait_read,
                                 beast::bind_front_handler(&WebsocketSession::on_readable, shared_from_this()));
}

void WebsocketSession::on_readable(beast::error_code ec) {
    fail(ec, "WebSocket wait");
    if (ec || !read_available()) return lost();
    take_events();
    wait_readable();
}

bool WebsocketSession::read_available() {
    beast::error_code ec;
    for (std::size_t total = 0; total < max_read_per_turn;) {
        const std::size_t want = std::max<std::size_t>(socket_.available(ec), 512);
        if (ec) return false;
        const std::size_t n = socket_.read_some(net::buffer(reader_.prepare(want), want), ec);
        reader_.commit(n);
        if (ec == net::error::would_block || ec == net::error::try_again) break;
        if (ec) {  // end of stream or reset: the client is gone
            fail(ec, "WebSocket read");
            return false;
        }
        total += n;
        if (n < want) break;
    }
    last_heard_ms_.store(now_ms(), std::memory_order_relaxed);
    pinged_.store(false, std::memory_order_relaxed);
    return true;
}

void WebsocketSession::take_events() {
    while (!closing_) {
        const auto event = reader_.next();
        if (!event) return;
        switch (event->kind) {
        case ws::Event::text:
            flusher_.note_read();
            hub_.receive(this, event->payload);
            break;
        case ws::Event::binary:
            flusher_.note_read();
            hub_.refuse(this, "frames are JSON text");
            break;
        case ws::Event::ping: send_control(ws::pong, event->payload); break;
        case ws::Event::pong: break;
        case ws::Event::close: return answer_close(event->payload);
        case ws::Event::failed: return close_with(event->code, event->payload);
        }
    }
    reader_.discard();
}

// The peer's close is answered with its code, then sending is shut down; its EOF follows.
void WebsocketSession::answer_close(std::string_view payload) {
    if (closing_) return;
    closing_ = true;
    std::string frame;
    ws::append_frame(frame, ws::close, payload.substr(0, 2));
    out_.write_frames(frame);
    out_.close_when_sent();
}

void WebsocketSession::send_control(ws::Opcode opcode, std::string_view payload) {
    if (closing_) return;
    std::string frame;
    ws::append_frame(frame, opcode, payload);
    out_.write_frames(frame);
    out_.flush();
}

void WebsocketSession::close_with(std::uint16_t code, std::string_view reason) {
    if (closing_) return;
    closing_ = true;
    std::string frame;
    ws::append_frame(frame, ws::close, ws::close_payload(code, reason));
    out_.write_frames(frame);
    out_.close_when_sent();
}

void WebsocketSession::lost() {
    closing_ = true;
    beast::error_code ignored;
    socket_.close(ignored);
    if (!open_) return;
    open_ = false;
    hub_.disconnect(this);
}

// Frames delivered while the strand has not yet picked up the previous ones ride along with
// them: one flush per burst, not one per frame. Each is framed and copied here, once, so
// nothing shared is touched per recipient.
void WebsocketSession::deliver(const Encoded& message) {
    {
        const std::lock_guard lock(inbox_mutex_);
        ws::append_frame(inbox_, ws::text, *message);
        if (inbox_scheduled_) return;
        inbox_scheduled_ = true;
    }
    flusher_.schedule(shared_from_this());
}

void WebsocketSession::flush() {
    net::post(strand_, beast::bind_front_handler(&WebsocketSession::on_inbox, shared_from_this()));
}

void WebsocketSession::on_inbox() {
    take_inbox();
    out_.flush();  // the whole batch in one write
}

void WebsocketSession::take_inbox() {
    {
        const std::lock_guard lock(inbox_mutex_);
        taken_.swap(inbox_);
        inbox_scheduled_ = false;
    }
    if (taken_.empty()) return;
    if (!open_ || closing_) return taken_.clear();
    if (out_.unsent() + taken_.size() > max_queued_bytes) {
        log::warn("closing a connection that stopped reading (" + std::to_string(out_.unsent()) + " bytes unsent)");
        taken_.clear();
        return lost();
    }
    out_.write_frames(taken_);
}

void WebsocketSession::go_away() {
    net::post(strand_, [self = shared_from_this()] {
        if (self->open_) self->close_with(ws::close_code::going_away, "the server is stopping");
    });
}

// From the idle sweep, on any thread: only a connection that has been silent is posted to.
void WebsocketSession::check_idle(std::int64_t now) {
    const std::int64_t silent = now - last_heard_ms_.load(std::memory_order_relaxed);
    if (silent >= close_after_ms) {
        net::post(strand_, [self = shared_from_this()] { self->lost(); });
    } else if (silent >= ping_after_ms && !pinged_.exchange(true)) {
        net::post(strand_, [self = shared_from_this()] { self->send_control(ws::ping, {}); });
    }
}

}  // namespace chitchat::server
