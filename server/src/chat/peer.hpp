// What the chat sees of one connection, and what it hands back to be sent.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace chitchat::server {

// One server message as JSON text, encoded once per broadcast and shared by every connection it
// goes to (each connection frames it for WebSocket itself).
using Encoded = std::shared_ptr<const std::string>;
inline Encoded make_encoded(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

// A connection as the chat sees it. `deliver` only queues: it never blocks and may be called
// from any thread; `go_away` closes the connection because the server is stopping.
class Peer {
public:
    virtual ~Peer() = default;
    virtual void deliver(const Encoded& message) = 0;
    virtual void go_away() = 0;
    // The idle sweep: a connection silent for long is pinged, then closed. Any thread.
    virtual void check_idle(std::int64_t /*now_ms*/) {}
};
using PeerPtr = std::shared_ptr<Peer>;

// Messages the chat produced while holding its lock, queued to their peers before releasing it.
// The chat holds every connected peer, so plain pointers stay valid while the lock is held.
struct Delivery {
    std::vector<Peer*> to;
    Encoded message;
};
using Deliveries = std::vector<Delivery>;

}  // namespace chitchat::server
