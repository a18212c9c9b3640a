#include "connection.hpp"

#include <emscripten/eventloop.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "chitchat/protocol.hpp"

namespace chitchat::client {
namespace {

constexpr double first_retry_ms = 500;
constexpr double max_retry_ms = 15'000;
constexpr double ping_every_ms = 10'000;
constexpr double silence_limit_ms = 25'000;  // no frame (not even a pong) for this long: reconnect

double jitter() {
    static std::minstd_rand rng(static_cast<unsigned>(emscripten_get_now()));
    return std::uniform_real_distribution<double>(0.5, 1.0)(rng);
}

}  // namespace

Connection::Connection(Events& events, std::string url) : events_(events), url_(std::move(url)) {}

Connection::~Connection() {
    if (socket_) emscripten_websocket_delete(socket_);
}

void Connection::connect() {
    retry_scheduled_ = false;
    EmscriptenWebSocketCreateAttributes attrs;
    emscripten_websocket_init_create_attributes(&attrs);
    attrs.url = url_.c_str();
    attrs.protocols = nullptr;  // asking for a subprotocol the server does not answer fails the handshake
    socket_ = emscripten_websocket_new(&attrs);
    if (socket_ <= 0) {
        socket_ = 0;
        on_close(0, nullptr, this);
        return;
    }
    emscripten_websocket_set_onopen_callback(socket_, this, &Connection::on_open);
    emscripten_websocket_set_onmessage_callback(socket_, this, &Connection::on_message);
    emscripten_websocket_set_onclose_callback(socket_, this, &Connection::on_close);
    emscripten_websocket_set_onerror_callback(socket_, this, &Connection::on_error);
}

bool Connection::send(std::string_view text) {
    if (!open_) return false;
    return emscripten_websocket_send_utf8_text(socket_, std::string(text).c_str()) == EMSCRIPTEN_RESULT_SUCCESS;
}

void Connection::heartbeat(double now_ms) {
    if (!open_) return;
    if (now_ms - last_heard_ms_ > silence_limit_ms) return drop();
    if (now_ms - last_ping_ms_ >= ping_every_ms) {
        last_ping_ms_ = now_ms;
        send(proto::encode(proto::ClientMessage{proto::Ping{now_ms}}));
    }
}

// Closes a connection that went silent; on_close then schedules the reconnect.
void Connection::drop() {
    if (socket_) emscripten_websocket_close(socket_, 4000, "no answer");
}

EM_BOOL Connection::on_open(int, const EmscriptenWebSocketOpenEvent*, void* self) {
    auto* c = static_cast<Connection*>(self);
    c->open_ = true;
    c->attempts_ = 0;
    c->last_heard_ms_ = c->last_ping_ms_ = emscripten_get_now();
    c->events_.on_open();
    return EM_TRUE;
}

EM_BOOL Connection::on_message(int, const EmscriptenWebSocketMessageEvent* e, void* self) {
    auto* c = static_cast<Connection*>(self);
    c->last_heard_ms_ = emscripten_get_now();
    if (!e->isText || e->numBytes == 0) return EM_TRUE;
    // A text frame arrives NUL-terminated (numBytes counts the NUL) and is freed after this call.
    c->events_.on_frame(std::string_view(reinterpret_cast<const char*>(e->data), e->numBytes - 1));
    return EM_TRUE;
}

EM_BOOL Connection::on_error(int, const EmscriptenWebSocketErrorEvent*, void*) {
    return EM_TRUE;  // a close event follows
}

EM_BOOL Connection::on_close(int, const EmscriptenWebSocketCloseEvent*, void* self) {
    auto* c = static_cast<Connection*>(self);
    const bool was_open = c->open_;
    c->open_ = false;
    if (c->socket_) {
        emscripten_websocket_delete(c->socket_);
        c->socket_ = 0;
    }
    if (was_open || c->attempts_ == 0) c->events_.on_lost();
    if (c->retry_scheduled_) return EM_TRUE;
    c->retry_scheduled_ = true;
    const double delay = std::min(max_retry_ms, first_retry_ms * std::pow(2.0, c->attempts_)) * jitter();
    ++c->attempts_;
    emscripten_set_timeout(&Connection::on_retry, delay, c);
    return EM_TRUE;
}

void Connection::on_retry(void* self) { static_cast<Connection*>(self)->connect(); }

}  // namespace chitchat::client
