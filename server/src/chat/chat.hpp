// The chat itself: sessions, channels, messages and who is where. Plain C++ with no sockets and
// no locks: the hub calls it under its mutex and hands the Deliveries it fills to the peers; tests drive it
// directly with fake peers.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "chitchat/history.hpp"
#include "chitchat/protocol.hpp"
#include "chat/peer.hpp"
#include "chat/rate_limiter.hpp"
#include "chat/reads.hpp"
#include "store/storage.hpp"
#include "store/upload_index.hpp"

namespace chitchat::server {

struct ChatOptions {
    RateLimit rate;                  // `send`s per connection; count 0 = no limit
    std::size_t max_channels = 1000; // `create_channel` past this answers too_large
    std::uint64_t max_upload_bytes = limits::default_upload_mb * 1024 * 1024;  // told to clients in `welcome`
};

class Chat {
public:
    Chat(Storage& storage, UploadIndex& uploads, ChatOptions options);
    Chat(const Chat&) = delete;
    Chat& operator=(const Chat&) = delete;
    ~Chat();

    // A connection opened for session `sid` (32 hex digits, checked by the caller), speaking
    // protocol `version` (1 or 2): `welcome`.
    void connect(const PeerPtr& peer, const std::string& sid, int version, Deliveries& out);
    void disconnect(Peer* peer);
    void handle(Peer* peer, const proto::ClientMessage& message, std::int64_t now_ms, Deliveries& out);
    // The archive reads that handle() accepted (history, search), to be run outside the lock.
    std::vector<ArchiveRead> take_reads() { return std::exchange(reads_, {}); }

    // Group commit: the hub commits the store's writes, then tells the chat; or the commit
    // failed and abandon() takes back the posts it held (their frames, to be dropped, are
    // returned), telling each sender with `server_error`.
    void committed();
    std::vector<Encoded> abandon(Deliveries& out);

    // Deletes the posts sent before `before_ts` from the store and from memory; returns the
    // uploads they carried, to be deleted once that is committed.
    std::vector<std::string> expire(std::int64_t before_ts);

    // `online` is coalesced: the hub asks now and then whether the count changed.
    bool online_changed() const { return online_ != online_sent_; }
    void broadcast_online(Deliveries& out);

    std::optional<std::string> display_name(const std::string& sid) const;
    std::vector<PeerPtr> peers() const;
    std::size_t connections() const { return connections_.size(); }
    std::size_t online() const { return online_; }

private:
    struct Connection;
    struct Session;
    struct Channel;
    struct ByVersion;

    void set_name(Connection& c, const proto::SetName& m, Deliveries& out);
    void create_channel(Connection& c, const proto::CreateChannel& m, Deliveries& out);
    void join(Connection& c, const proto::Join& m, Deliveries& out);
    void send(Connection& c, const proto::Send& m, std::int64_t now_ms, Deliveries& out);
    void history(Connection& c, const proto::History& m, Deliveries& out);
    void search(Connection& c, const proto::Search& m, Deliveries& out);
    void edit(Connection& c, const proto::Edit& m, std::int64_t now_ms, Deliveries& out);
    void remove(Connection& c, const proto::Delete& m, std::int64_t now_ms, Deliveries& out);
    void react(Connection& c, const proto::React& m, std::int64_t now_ms, Deliveries& out);
    template <class Request, class Next>
    void change_post(Connection& c, const Request& m, std::int64_t now_ms, Next&& next, Deliveries& out);

    void enter(Connection& c, Channel& channel, std::optional<std::uint64_t> after, Deliveries& out);
    void leave_channel(Connection& c);
    proto::Joined joined(const Channel& channel, std::optional<std::uint64_t> after, int version);
    static std::optional<User> user_of(const Session& s, int version);
    std::vector<User> people() const;
    Channel& add_channel(records::Channel record);
    Channel* find_channel(std::string_view name);
    Session& session(const std::string& sid);
    std::vector<ChannelInfo> channel_list() const;
    template <class Write>
    bool stored(Connection& c, const proto::ClientMessage& request, Write&& write, Deliveries& out);
    void save_session(const Session& s);
    static void reply(Connection& c, const proto::ServerMessage& m, Deliveries& out);
    static void fail(Connection& c, ErrorCode code, std::string message, const proto::ClientMessage& request,
                     Deliveries& out);

    Storage& storage_;
    UploadIndex& uploads_;
    ChatOptions options_;
    std::unordered_map<std::string, Session> sessions_;           // by sid
    std::map<std::string, std::unique_ptr<Channel>> channels_;    // by channel_key()
    std::vector<Channel*> channel_order_;                         // creation order
    std::unordered_map<Peer*, std::unique_ptr<Connection>> connections_;
    // Entries written since the last commit: posts and changes of posts.
    struct Unsaved {
        Channel* channel;
        std::uint64_t id;
        Peer* sender;  // null once disconnected
        std::string client_id;
        std::vector<Encoded> frames;  // every copy sent of it
        std::optional<Message> before;  // a change: the post as it was
        std::string_view ref = proto::Send::type;
    };
    std::vector<Unsaved> unsaved_posts_;
    std::vector<std::string> unsaved_uploads_;  // files of deleted posts, removed once committed
    std::vector<std::string> unsaved_sessions_;
    std::vector<Channel*> unsaved_channels_;
    std::vector<ArchiveRead> reads_;
    std::uint64_t next_seq_ = 0;
    std::uint64_t activity_ = 0;  // counts connects and posts: the order of activity
    std::int64_t last_ts_ = 0;    // the newest post's time: every post gets a later one
    std::size_t online_ = 0;       // sessions with at least one open connection
    std::size_t online_sent_ = 0;  // the count the last `online` carried
};

}  // namespace chitchat::server
