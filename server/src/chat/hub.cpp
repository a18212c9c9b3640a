#include "chat/hub.hpp"

#include "clock.hpp"

namespace chitchat::server {

// Called with the lock held: frames reach every connection's queue in the order the chat made
// them, so a `joined` is never overtaken by a message posted after it (delivering only queues,
// it never blocks). The outbox itself is freed after the lock is released.
void Hub::deliver(const Deliveries& out) {
    for (const Delivery& d : out)
        for (Peer* peer : d.to) peer->deliver(d.message);
}

void Hub::connect(const PeerPtr& peer, const std::string& sid) {
    Deliveries out;
    {
        const std::lock_guard lock(mutex_);
        chat_.connect(peer, sid, out);
        deliver(out);
    }
}

void Hub::disconnect(Peer* peer) {
    const std::lock_guard lock(mutex_);
    chat_.disconnect(peer);
}

void Hub::receive(Peer* peer, std::string_view text) {
    auto decoded = proto::decode_client(text);
    if (!decoded) {
        peer->deliver(make_encoded(proto::encode(proto::ServerMessage{decoded.error()})));
        return;
    }
    Deliveries out;
    {
        const std::lock_guard lock(mutex_);
        chat_.handle(peer, *decoded, now_ms(), out);
        deliver(out);
    }
}

void Hub::refuse(Peer* peer, std::string_view why) {
    peer->deliver(make_encoded(proto::encode(proto::ServerMessage{
        proto::ErrorReply{ErrorCode::bad_request, std::string(why), std::nullopt, std::nullopt}})));
}

void Hub::publish_online() {
    Deliveries out;
    {
        const std::lock_guard lock(mutex_);
        if (!chat_.online_changed()) return;
        chat_.broadcast_online(out);
        deliver(out);
    }
}

void Hub::go_away_all() {
    std::vector<PeerPtr> peers;
    {
        const std::lock_guard lock(mutex_);
        peers = chat_.peers();
    }
    for (const auto& peer : peers) peer->go_away();
}

void Hub::check_idle() {
    const std::int64_t now = now_ms();
    const std::lock_guard lock(mutex_);
    for (const auto& peer : chat_.peers()) peer->check_idle(now);
}

std::optional<std::string> Hub::display_name(const std::string& sid) {
    const std::lock_guard lock(mutex_);
    return chat_.display_name(sid);
}

std::size_t Hub::connections() {
    const std::lock_guard lock(mutex_);
    return chat_.connections();
}

}  // namespace chitchat::server

namespace chitchat::server {

std::size_t Hub::online() {
    const std::lock_guard lock(mutex_);
    return chat_.online();
}

}  // namespace chitchat::server
