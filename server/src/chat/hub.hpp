// The shared state of the running server (the `shared_state` of Beast's chat example): the Chat
// behind one mutex. Frames the chat produces are queued to their connections before the lock is
// released, so every connection sees them in the chat's order; each broadcast was encoded once
// and is shared by every recipient.
#pragma once
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "chat/chat.hpp"

namespace chitchat::server {

class Hub {
public:
    explicit Hub(Chat& chat) : chat_(chat) {}

    void connect(const PeerPtr& peer, const std::string& sid);
    void disconnect(Peer* peer);
    // One text frame from a connection: decoded outside the lock, then handled.
    void receive(Peer* peer, std::string_view text);
    // A frame that is not text, or otherwise unreadable: an error to that connection alone.
    void refuse(Peer* peer, std::string_view why);

    // Sends `online` if the count changed since the last one (called every 250 ms).
    void publish_online();
    // Closes every connection with 1001 (server stopping).
    void go_away_all();
    // Pings the connections that have been silent, closes the ones that stayed silent.
    void check_idle();

    std::optional<std::string> display_name(const std::string& sid);
    std::size_t connections();
    std::size_t online();

private:
    static void deliver(const Deliveries& out);

    std::mutex mutex_;
    Chat& chat_;
};

}  // namespace chitchat::server
