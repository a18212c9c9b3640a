// The browser client's model: what the user sees, as plain C++ with no ImGui and no browser.
// The main loop feeds it server messages and connection events; the views read it and call its
// intents; whatever must go to the server waits in `outgoing` until the main loop sends it.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chitchat/protocol.hpp"

namespace chitchat::client {

enum class Status { connecting, connected, reconnecting };

// A message as the client shows it: acknowledged (with its id), or still on its way.
struct Entry {
    Message message;
    bool pending = false;  // not yet acknowledged by the server
    bool mine = false;
};

struct ChannelEntry {
    std::string name;
    std::uint64_t last_id = 0;
    std::uint64_t unread = 0;
};

// What a user is doing with a file right now.
struct UploadState {
    std::string name;
    std::uint64_t size = 0;
    std::uint64_t sent = 0;
};

// A search and what it found so far (newest first).
struct SearchState {
    std::string q;
    std::vector<Message> results;
    bool more = false;     // the server has older matches
    bool waiting = false;  // an answer is on its way
};

// What the client keeps between page loads (localStorage): who, where, what was read, and the
// messages typed but not yet acknowledged.
struct Saved {
    std::optional<std::string> name;
    std::optional<std::string> channel;
    std::map<std::string, std::uint64_t> seen;  // channel -> newest id the user has seen
    std::vector<proto::Send> outbox;
    std::vector<proto::ClientMessage> changes;  // edits, deletions and reactions not yet confirmed
};

class ClientState {
public:
    using IdSource = std::function<std::string()>;  // random client_ids
    ClientState(IdSource ids, Saved saved = {});

    // ---- from the connection
    void connection_opened();
    void connection_lost();
    void apply(const proto::ServerMessage& message);
    void round_trip(double ms) { rtt_ms_ = ms; }

    // ---- from the user
    void set_name(std::string_view name);
    void create_channel(std::string_view name);
    void switch_channel(std::string_view name);
    void send(std::string_view body);
    // An upload: refused at once when the type or the size is wrong, else in progress.
    bool start_upload(std::string_view file_name, std::uint64_t size);
    void upload_progress(std::uint64_t sent);
    void upload_finished(int http_status, std::string_view body);
    void upload_cancelled();
    void clear_gap_notice() { gap_notice_ = 0; }
    void dismiss_error() { banner_.clear(); }
    void mark_seen();  // the user looked at the newest message of the current channel
    void resend_pending();  // sends the outbox again (after rate_limited); client_ids make it safe
    // Scroll-back and search (protocol 2; client_archive.cpp).
    void load_older();                  // the view reached its top: the page before the oldest shown
    void search(std::string_view q);    // a new search (an empty one closes it)
    void search_more();                 // the next page of results
    void close_search() { search_.reset(); }
    void open_result(const Message& m); // that channel, scrolled back to that post, highlighted
    void highlight_shown() { highlight_.reset(); }
    // Changes of posts (protocol 2; client_changes.cpp), shown at once, sent when connected.
    void reply_to(std::uint64_t id);    // the next send answers this post
    void cancel_reply() { replying_.reset(); }
    bool edit(std::uint64_t id, std::string_view body);  // false (and a banner) when refused here
    void remove(std::uint64_t id);
    void toggle_reaction(std::uint64_t id, const std::string& emoji);
    void show_post(std::uint64_t id);   // a quoted post: brought into view, highlighted

    // ---- to the server: what to send now (only while connected)
    std::vector<proto::ClientMessage> take_outgoing();

    // ---- what the views read
    Status status() const { return status_; }
    const std::optional<std::string>& user() const { return user_; }
    const std::optional<std::string>& user_id() const { return user_id_; }
    bool has_older() const;             // the channel has posts older than the first shown
    bool loading_older() const { return loading_older_; }
    const std::optional<SearchState>& search_state() const { return search_; }
    // A post to bring into view and highlight (a search result that was chosen), once shown.
    std::optional<std::uint64_t> highlight() const { return highlight_; }
    bool needs_name() const { return welcomed_ && !user_ && !wanted_name_; }
    bool welcomed() const { return welcomed_; }
    const std::string& channel() const { return channel_; }
    const std::vector<ChannelEntry>& channels() const { return channels_; }
    const std::vector<Entry>& messages() const { return messages_; }
    std::uint64_t online() const { return online_; }
    std::optional<double> rtt_ms() const { return rtt_ms_; }
    std::uint64_t gap_notice() const { return gap_notice_; }
    const std::optional<UploadState>& upload() const { return upload_; }
    const std::string& name_error() const { return name_error_; }
    const std::string& channel_error() const { return channel_error_; }
    const std::string& composer_error() const { return composer_error_; }
    const std::string& banner() const { return banner_; }
    bool has_outbox() const { return !outbox_.empty() || !changes_.empty(); }
    const std::optional<ReplyTo>& replying() const { return replying_; }
    std::optional<std::uint64_t> last_own_post() const;  // for Up-arrow in an empty composer
    const Message* find_post(std::uint64_t id) const;
    bool reacted(const Reaction& r) const;                // this user is among its users
    std::string name_of(const std::string& user_id) const;
    // Bumped whenever something that is saved changes.
    std::uint64_t saved_version() const { return saved_version_; }
    Saved saved() const;

private:
    void on(const proto::Welcome& m);
    void on(const proto::Session& m);
    void on(const proto::Joined& m);
    void on(const proto::NewMessage& m);
    void on(const proto::Channels& m);
    void on(const proto::Online& m);
    void on(const proto::Pong&) {}
    void on(const proto::HistoryPage& m);
    void on(const proto::SearchResults& m);
    void on(const proto::ErrorReply& m);
    void on(const proto::Update& m);

    void post(std::string_view body, std::optional<Attachment> attachment);
    void join(const std::string& channel, bool catch_up);
    void flush_outbox();
    void merge_channels(const std::vector<ChannelInfo>& list);
    void insert(Entry entry);
    void replace(const Message& m);  // a retained post's new state
    Entry entry_of(const Message& m) const;  // as shown: mine or not
    std::optional<std::uint64_t> oldest_shown() const;
    void continue_jump();
    void changed() { ++saved_version_; }
    void queue_change(proto::ClientMessage request, Message next);
    void confirm_change(const std::string& client_id);
    void refuse_change(const proto::ErrorReply& m);
    void flush_changes();
    void learn_name(const Message& m);
    ChannelEntry* find_channel(std::string_view name);

    IdSource ids_;
    Status status_ = Status::connecting;
    bool welcomed_ = false;
    bool joined_ = false;             // the server has us in channel_ on this connection
    std::optional<std::string> user_;
    std::optional<std::string> user_id_;      // protocol 2: tells our posts from another Zoë's
    std::optional<std::string> wanted_name_;  // from localStorage, when the server forgot us
    std::string channel_;
    std::vector<ChannelEntry> channels_;
    std::vector<Entry> messages_;     // the current channel's, ordered by id, pending ones last
    std::uint64_t entry_id_ = 0;      // the current channel's highest entry id applied here
    std::map<std::string, std::uint64_t> seen_;
    std::vector<proto::Send> outbox_; // typed, not yet acknowledged, in order
    std::vector<proto::ClientMessage> changes_;     // edits, deletions, reactions not yet confirmed, in order
    std::map<std::string, Message> unconfirmed_;    // client_id -> the post before that change
    std::optional<ReplyTo> replying_;
    std::map<std::string, std::string> names_;      // user id -> the name last seen with it
    std::vector<proto::ClientMessage> outgoing_;
    std::map<std::string, Attachment> pending_files_;  // client_id -> the file it carries
    std::optional<UploadState> upload_;
    bool more_older_ = true;          // the last history page said older posts exist
    bool loading_older_ = false;
    std::optional<SearchState> search_;
    std::optional<std::pair<std::string, std::uint64_t>> jump_;  // channel and id being scrolled back to
    std::optional<std::uint64_t> highlight_;
    std::uint64_t online_ = 0;
    std::optional<double> rtt_ms_;
    std::uint64_t gap_notice_ = 0;
    std::string name_error_, channel_error_, composer_error_, banner_;
    std::uint64_t saved_version_ = 0;
    std::uint64_t max_upload_bytes_ = limits::default_upload_mb * 1024 * 1024;  // until `welcome` says
};

// Requests kept in localStorage, one encoded per line; lines that do not decode are left out.
std::vector<proto::ClientMessage> decode_requests(std::string_view text);
// The outbox as text for localStorage (one encoded `send` per line) and back.
std::string encode_outbox(const std::vector<proto::Send>& outbox);
std::vector<proto::Send> decode_outbox(std::string_view text);
// The queue of changes the same way (one encoded edit, delete or react per line).
std::string encode_changes(const std::vector<proto::ClientMessage>& changes);
std::vector<proto::ClientMessage> decode_changes(std::string_view text);

}  // namespace chitchat::client
