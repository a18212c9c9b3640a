// The one place that touches the WebSocket: connects, reconnects by itself with capped
// exponential backoff and jitter, and measures the round trip with ping/pong.
#pragma once
#include <emscripten/websocket.h>

#include <string>
#include <string_view>

namespace chitchat::client {

class Connection {
public:
    class Events {
    public:
        virtual ~Events() = default;
        virtual void on_open() = 0;
        virtual void on_frame(std::string_view text) = 0;
        virtual void on_lost() = 0;
    };

    Connection(Events& events, std::string url);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void connect();
    bool send(std::string_view text);
    bool is_open() const { return open_; }

    // Every few seconds: a ping, and a connection that stopped answering is dropped.
    void heartbeat(double now_ms);

private:
    static EM_BOOL on_open(int, const EmscriptenWebSocketOpenEvent*, void* self);
    static EM_BOOL on_message(int, const EmscriptenWebSocketMessageEvent* e, void* self);
    static EM_BOOL on_close(int, const EmscriptenWebSocketCloseEvent*, void* self);
    static EM_BOOL on_error(int, const EmscriptenWebSocketErrorEvent*, void* self);
    static void on_retry(void* self);
    void drop();

    Events& events_;
    std::string url_;
    EMSCRIPTEN_WEBSOCKET_T socket_ = 0;
    bool open_ = false;
    int attempts_ = 0;           // failed connects in a row, for the backoff
    bool retry_scheduled_ = false;
    double last_heard_ms_ = 0;
    double last_ping_ms_ = 0;
};

}  // namespace chitchat::client
