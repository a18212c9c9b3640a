// The shared state of the running server (the `shared_state` of Beast's chat example): the Chat
// behind one mutex. Frames the chat produces are queued to their connections before the lock is
// released, so every connection sees them in the chat's order; each broadcast was encoded once
// and is shared by every recipient.
//
// Group commit: while the store has writes not yet committed, frames are held, not queued
// (nothing is sent about a change before it is durable); commit(), run once the turn's reads
// are handled, commits them all in one transaction and then queues everything held, in order.
#pragma once
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "chat/chat.hpp"

namespace chitchat::server {

class Hub {
public:
    struct Hooks {
        // Asks for commit() to be called soon, from any thread; without it, each request's
        // writes are committed before its frames are queued.
        std::function<void()> schedule_commit;
        // Runs an archive read (history, search) elsewhere; without it, at once on this thread.
        std::function<void(std::function<void()>)> run_read;
    };
    Hub(Chat& chat, Storage& storage, Hooks hooks = {}) : chat_(chat), storage_(storage), hooks_(std::move(hooks)) {}

    void connect(const PeerPtr& peer, const std::string& sid, int version = 1);
    void disconnect(Peer* peer);
    // One text frame from a connection: decoded outside the lock, then handled.
    void receive(Peer* peer, std::string_view text);
    // A frame that is not text, or otherwise unreadable: an error to that connection alone.
    void refuse(Peer* peer, std::string_view why);

    // Commits what the store holds, then queues the frames held for it.
    void commit();

    // Deletes the posts sent before `before_ts` (--retain-days) and commits; returns the uploads
    // they carried (or nothing, when the store failed).
    std::vector<std::string> expire(std::int64_t before_ts);

    // The store's periodic work (Storage::maintain), committed with whatever else is open.
    void maintain();

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
    void deliver(Deliveries& out);
    void commit_locked();
    void maintain_locked();
    static void queue(const Deliveries& out);

    std::mutex mutex_;
    Chat& chat_;
    Storage& storage_;
    Hooks hooks_;
    Deliveries held_;  // waiting for the commit, in the chat's order
    bool commit_scheduled_ = false;
};

}  // namespace chitchat::server
