// What the chat sees of one connection, and what it hands back to be sent.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace chitchat::server {

// One serialized frame, shared by every connection it goes to (encoded once per broadcast).
using Frame = std::shared_ptr<const std::string>;
inline Frame make_frame(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

// A connection as the chat sees it. `deliver` only queues: it never blocks and may be called
// from any thread; `go_away` closes the connection because the server is stopping.
class Peer {
public:
    virtual ~Peer() = default;
    virtual void deliver(const Frame& frame) = 0;
    virtual void go_away() = 0;
    // The idle sweep: a connection silent for long is pinged, then closed. Any thread.
    virtual void check_idle(std::int64_t /*now_ms*/) {}
};
using PeerPtr = std::shared_ptr<Peer>;

// Frames the chat produced while holding its lock, queued to their peers before releasing it.
// The chat holds every connected peer, so plain pointers stay valid while the lock is held.
struct Delivery {
    std::vector<Peer*> to;
    Frame frame;
};
using Outbox = std::vector<Delivery>;

}  // namespace chitchat::server
