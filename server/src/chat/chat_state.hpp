// Internal to the chat's .cpp files: what it holds per session, channel and connection, and
// the helper that sends one frame to connections of both protocol versions.
#pragma once
#include "chat/chat.hpp"
#include "log.hpp"

namespace chitchat::server {

struct Chat::Session {
    records::Session record;
    std::vector<Connection*> connections;
    std::uint64_t active_ms = 0;  // order of the last connect or post: welcome.people's order
};

struct Chat::Channel {
    records::Channel record;
    ChannelHistory history;
    std::vector<Connection*> members;
    // The `joined` for a join without `after` (the whole history), encoded once per protocol
    // version and shared by every such join until the next message: up to 100 messages is the
    // costliest frame to make.
    Encoded joined_all[2];
    void changed() { joined_all[0].reset(), joined_all[1].reset(); }
};

struct Chat::Connection {
    PeerPtr peer;
    int version = 1;
    Session* session = nullptr;
    Channel* channel = nullptr;
    std::size_t slot = 0;  // index in channel->members
    RateLimiter rate;
};

template <class T>
Encoded encode_shared(T message) {
    return make_encoded(proto::encode(proto::ServerMessage{std::move(message)}));
}

// Recipients sorted by protocol version; each version's frame is made and encoded once.
struct Chat::ByVersion {
    std::vector<Peer*> to[2];
    void add(const Connection& c) { to[c.version >= 2].push_back(c.peer.get()); }
    template <class Make>
    void send(Make&& make, Deliveries& out) {
        for (int i = 0; i < 2; ++i)
            if (!to[i].empty()) out.push_back({std::move(to[i]), encode_shared(make(i + 1))});
    }
};

// Runs one write to the store; when it fails, the request is answered with server_error.
template <class Write>
bool Chat::stored(Connection& c, const proto::ClientMessage& request, Write&& write, Deliveries& out) {
    try {
        write();
        return true;
    } catch (const StoreError& e) {
        log::error(std::string("storing a ") + std::string(proto::type_name(request)) + " failed: " + e.what());
        fail(c, ErrorCode::server_error, "the server could not store this; try again later", request, out);
        return false;
    }
}

}  // namespace chitchat::server
