#include "chat/hub.hpp"

#include <algorithm>

#include "clock.hpp"
#include "log.hpp"

namespace chitchat::server {

// Called with the lock held: frames reach every connection's queue in the order the chat made
// them, so a `joined` is never overtaken by a message posted after it (queueing never blocks).
void Hub::queue(const Deliveries& out) {
    for (const Delivery& d : out)
        for (Peer* peer : d.to) peer->deliver(d.message);
}

// With the lock held. Frames wait while there are writes to commit, and behind frames waiting.
void Hub::deliver(Deliveries& out) {
    if (!storage_.pending() && held_.empty()) return queue(out);
    std::move(out.begin(), out.end(), std::back_inserter(held_));
    out.clear();
    if (!hooks_.schedule_commit) return commit_locked();
    if (commit_scheduled_) return;
    commit_scheduled_ = true;
    hooks_.schedule_commit();
}

std::vector<std::string> Hub::expire(std::int64_t before_ts) {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> uploads;
    try {
        commit_locked();  // what the turn holds first, on its own
        uploads = chat_.expire(before_ts);
        storage_.commit();
        chat_.committed();
    } catch (const StoreError& e) {
        log::error(std::string("deleting old posts failed: ") + e.what());
        storage_.rollback();
        return {};
    }
    return uploads;
}

void Hub::maintain() {
    const std::lock_guard lock(mutex_);
    maintain_locked();
}

void Hub::maintain_locked() {
    try {
        storage_.maintain();
    } catch (const StoreError& e) {
        log::error(std::string("indexing for search failed: ") + e.what());
    }
    commit_locked();
}

void Hub::commit() {
    const std::lock_guard lock(mutex_);
    commit_locked();
}

void Hub::commit_locked() {
    commit_scheduled_ = false;
    Deliveries held;
    held.swap(held_);
    try {
        storage_.commit();
        chat_.committed();
        queue(held);
        return;
    } catch (const StoreError& e) {
        log::error(std::string("committing failed, the posts of this turn are refused: ") + e.what());
    }
    storage_.rollback();
    Deliveries errors;
    const std::vector<Encoded> dropped = chat_.abandon(errors);
    std::erase_if(held, [&](const Delivery& d) {
        return std::find(dropped.begin(), dropped.end(), d.message) != dropped.end();
    });
    queue(held);
    queue(errors);
}

void Hub::connect(const PeerPtr& peer, const std::string& sid, int version) {
    Deliveries out;
    {
        const std::lock_guard lock(mutex_);
        chat_.connect(peer, sid, version, out);
        deliver(out);
    }
}

void Hub::disconnect(Peer* peer) {
    const std::lock_guard lock(mutex_);
    chat_.disconnect(peer);
    for (Delivery& d : held_) std::erase(d.to, peer);  // it is gone before the commit
}

void Hub::receive(Peer* peer, std::string_view text) {
    auto decoded = proto::decode_client(text);
    if (!decoded) {
        peer->deliver(make_encoded(proto::encode(proto::ServerMessage{decoded.error()})));
        return;
    }
    Deliveries out;
    std::vector<ArchiveRead> reads;
    {
        const std::lock_guard lock(mutex_);
        chat_.handle(peer, *decoded, now_ms(), out);
        deliver(out);
        reads = chat_.take_reads();
        // A search finds every post sent before it, not only those the last tick indexed.
        const auto is_search = [](const ArchiveRead& r) { return std::holds_alternative<SearchRead>(r.what); };
        if (std::any_of(reads.begin(), reads.end(), is_search)) maintain_locked();
    }
    for (auto& read : reads) {
        auto job = [&archive = storage_.archive(), read = std::move(read)] {
            read.peer->deliver(make_encoded(proto::encode(answer(archive, read))));
        };
        if (hooks_.run_read) hooks_.run_read(std::move(job));
        else job();
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
        commit_locked();  // what was acknowledged in this last turn goes out before the close
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
