// Where the chat's durable state goes: sessions, channels and every channel's posts. The chat
// talks to this interface only; SqliteStorage is the embedded implementation, and any other
// (a shared database for several instances) passes the same suite, tests/test_storage.cpp.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chitchat/records.hpp"
#include "store/archive.hpp"
#include "store/store_error.hpp"

namespace chitchat::server {

// What a server starts from.
struct Snapshot {
    struct ChannelData {
        records::Channel channel;
        std::vector<records::Posted> messages;  // its newest limits::history posts, oldest first,
                                                // in their current state (tombstones included)
        std::uint64_t last_id = 0;              // its highest entry id
    };
    std::vector<ChannelData> channels;  // in creation order
    std::vector<records::Session> sessions;
};

// A change of a post (protocol 2): an edit, a deletion or a change of reactions, which took
// entry id `id` in its channel.
struct ChangeEntry {
    std::uint64_t id = 0;
    std::string_view kind;  // "edit", "delete", "react": the request's type
    std::string sid;        // the session that made it
    std::string client_id;
    std::int64_t ts = 0;
};

// Writes go into one open transaction that commit() ends (group commit): the chat makes the
// changes of a turn of the event loop, the hub commits them and only then sends anything they
// caused. A write that fails throws StoreError and changes nothing; a commit that fails throws
// StoreError and leaves none of the transaction's writes, as does rollback().
class Storage {
public:
    virtual ~Storage() = default;
    virtual Snapshot load() = 0;
    virtual void save_session(const records::Session& session) = 0;
    virtual void add_channel(const records::Channel& channel) = 0;
    // Stores a post, unless its session already stored one with this client_id (in the whole
    // history, committed or not): then nothing is written and that post is returned.
    virtual std::optional<records::Posted> append(const records::Channel& channel, const records::Posted& post) = 0;
    // The post this session stored with this client_id, if any.
    virtual std::optional<records::Posted> find_sent(const std::string& sid, const std::string& client_id) = 0;

    // Stores a change and the post's state after it (`post.changed_id` is `entry.id`).
    virtual void change(const records::Channel& channel, const ChangeEntry& entry, const Message& post) = 0;
    // The post (in its current state) that this session changed with a request of this kind
    // and client_id, if any.
    virtual std::optional<records::Posted> find_change(const std::string& sid, std::string_view kind,
                                                       const std::string& client_id) = 0;
    // How many entries after < id < before of the channel are changes rather than posts.
    virtual std::uint64_t changes_between(const records::Channel& channel, std::uint64_t after, std::uint64_t before) = 0;

    // Deletes every post sent before `before_ts` (--retain-days), in the open transaction, and
    // returns the ids of the uploads they carried.
    virtual std::vector<std::string> expire(std::int64_t before_ts) = 0;

    virtual bool pending() const = 0;  // writes not yet committed
    virtual void commit() = 0;
    virtual void rollback() = 0;
    // Work that need not be in the turn that caused it, done in the open transaction every
    // quarter second (the full-text index catches up with the posts).
    virtual void maintain() {}
    // Called every second away from the I/O threads (the reads' thread): folds the store's
    // write-ahead log into its main file.
    virtual void checkpoint() {}
    // Reads of everything committed (history pages, search), from any thread.
    virtual Archive& archive() = 0;
    // Everything committed reaches the disk itself (fsync), at a clean shutdown.
    virtual void flush() {}
};

}  // namespace chitchat::server
