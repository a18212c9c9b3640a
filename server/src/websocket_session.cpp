#include "websocket_session.hpp"

#include "chitchat/limits.hpp"
#include "log.hpp"

namespace chitchat::server {
namespace {

namespace net = boost::asio;

// A connection whose unsent frames pass this is not reading: it is closed, the others are not
// slowed. A full `joined` can pass 1 MiB, so the bound is a few of those.
constexpr std::size_t max_queued_bytes = 4 * 1024 * 1024;

bool ordinary_close(const beast::error_code& ec) {
    return ec == websocket::error::closed || ec == net::error::operation_aborted || ec == net::error::eof ||
           ec == net::error::connection_reset || ec == beast::error::timeout || ec == net::error::broken_pipe;
}

// The listener gives each connection a strand of its own; posting to it by its concrete type
// spares the type-erased executor's costs on every delivery burst.
WebsocketSession::Strand connection_strand(net::ip::tcp::socket& socket) {
    const auto* strand = socket.get_executor().target<WebsocketSession::Strand>();
    if (!strand) throw std::logic_error("a WebSocket connection needs a strand of its own");
    return *strand;
}

}  // namespace

WebsocketSession::WebsocketSession(net::ip::tcp::socket&& socket, Hub& hub, Flusher& flusher, std::string sid,
                                   ConnectionSlot slot)
    : strand_(connection_strand(socket)), ws_(std::move(socket)), hub_(hub), flusher_(flusher), sid_(std::move(sid)),
      slot_(std::move(slot)) {}

void WebsocketSession::run(Request request, std::optional<std::string> set_cookie) {
    ws_.next_layer().keep_alive_with(weak_from_this());
    websocket::stream_base::timeout timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.idle_timeout = std::chrono::seconds(60);  // a ping after 30 s of silence; closed if unanswered
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator([cookie = std::move(set_cookie)](websocket::response_type& res) {
        res.set(beast::http::field::server, "chitchat");
        if (cookie) res.set(beast::http::field::set_cookie, *cookie);
    }));
    ws_.read_message_max(limits::client_frame_bytes);  // past it Beast closes with 1009
    ws_.async_accept(request, beast::bind_front_handler(&WebsocketSession::on_accept, shared_from_this()));
}

void WebsocketSession::on_accept(beast::error_code ec) {
    if (ec) return;  // the handshake failed: never joined, nothing to undo
    open_ = true;
    hub_.connect(shared_from_this(), sid_);
    do_read();
}

void WebsocketSession::do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&WebsocketSession::on_read, shared_from_this()));
}

void WebsocketSession::on_read(beast::error_code ec, std::size_t) {
    if (ec) {
        open_ = false;
        hub_.disconnect(this);
        if (!ordinary_close(ec) && ec != websocket::error::message_too_big)
            log::warn("websocket read: " + ec.message());
        return;
    }
    flusher_.note_read();
    if (ws_.got_text()) {
        const auto data = buffer_.cdata();
        hub_.receive(this, std::string_view(static_cast<const char*>(data.data()), data.size()));
    } else {
        hub_.refuse(this, "frames are JSON text");
    }
    buffer_.consume(buffer_.size());
    do_read();
}

// Frames delivered while the strand has not yet picked up the previous ones ride along with
// them: one post per burst, not one per frame. Each is framed and copied here, once, so
// nothing shared is touched per recipient.
void WebsocketSession::deliver(const Frame& frame) {
    {
        const std::lock_guard lock(inbox_mutex_);
        append_text_frame(inbox_, *frame);
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
    ws_.next_layer().flush();  // the whole batch in one write
}

void WebsocketSession::take_inbox() {
    {
        const std::lock_guard lock(inbox_mutex_);
        taken_.swap(inbox_);
        inbox_scheduled_ = false;
    }
    if (taken_.empty()) return;
    if (!open_ || closing_) return taken_.clear();
    CoalescingStream& out = ws_.next_layer();
    if (out.unsent() + taken_.size() > max_queued_bytes) {
        log::warn("closing a connection that stopped reading (" + std::to_string(out.unsent()) + " bytes unsent)");
        closing_ = true;
        taken_.clear();
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).close(ignored);  // the pending read fails and the hub forgets us
        return;
    }
    out.write_frames(taken_);
}

void WebsocketSession::go_away() {
    net::post(strand_, beast::bind_front_handler(&WebsocketSession::on_go_away, shared_from_this()));
}

void WebsocketSession::on_go_away() {
    if (closing_ || !open_) return;
    closing_ = true;
    ws_.async_close(websocket::close_code::going_away, [self = shared_from_this()](beast::error_code) {});
}

}  // namespace chitchat::server
