// One user of the chaos soak, on protocol 2: keeps its session cookie, an outbox of messages
// and a queue of changes (edits, deletions, reactions) not yet acknowledged, and its view of one
// channel, every post in its current state; drops its connection when told and comes back with
// `join after` = the highest entry id it has seen, resending both with the same client ids.
#pragma once
#include <boost/asio.hpp>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "chitchat/protocol.hpp"
#include "support/ws_connection.hpp"

namespace bench {

namespace net = boost::asio;

struct SoakTally {
    std::uint64_t sent = 0;          // distinct messages written (client ids)
    std::uint64_t resends = 0;       // frames sent again with a client id already used
    std::uint64_t delivered = 0;     // messages received, live or in a `joined` catch-up
    std::uint64_t reconnects = 0;
    std::uint64_t expired = 0;       // messages a catch-up said had expired (`gap`)
    std::uint64_t errors = 0;        // `error` frames (refused changes not counted)
    std::uint64_t changes = 0;       // distinct changes asked for
    std::uint64_t changes_refused = 0;  // no_such_message: the post left the 100 or was deleted
};

class SoakClient : public std::enable_shared_from_this<SoakClient> {
public:
    struct Seen {
        std::uint64_t id;
        std::string body;
        bool deleted = false;
        bool edited = false;
        std::vector<chitchat::Reaction> reactions;
        bool operator==(const Seen&) const = default;
    };

    SoakClient(net::io_context& ioc, net::ip::tcp::endpoint server, int index, std::string channel, bool create,
               SoakTally& tally);

    void connect();                 // (again) now
    void drop();                    // closes the socket abruptly; connect() brings it back
    void send_new(std::mt19937& rng);
    void resend_acknowledged(std::mt19937& rng);  // a lost-ack resend: must not post again
    void change(std::mt19937& rng);  // edits or deletes one of its posts, or toggles a reaction

    bool ready() const { return state_ == State::ready; }
    bool down() const { return state_ == State::down; }
    bool settled() const { return ready() && outbox_.empty() && changes_.empty(); }
    const std::string& channel() const { return channel_; }
    const std::vector<Seen>& view() const { return view_; }
    std::uint64_t floor() const { return floor_; }  // the first id the view must hold
    // (start, count) of ids that a catch-up reported as expired: not in the view by design.
    const std::vector<std::pair<std::uint64_t, std::uint64_t>>& gaps() const { return gaps_; }
    // client id -> every id the server acknowledged it with (more than one is a duplicate).
    const std::map<std::string, std::vector<std::uint64_t>>& acks() const { return acks_; }
    std::size_t unacknowledged() const { return outbox_.size(); }

private:
    enum class State { down, connecting, ready };
    void on_frame(std::string_view text);
    void on_joined(const chitchat::proto::Joined& j);
    void write(const chitchat::proto::ClientMessage& m);
    void show(const chitchat::Message& m, bool is_new);  // a post's state into the view

    net::io_context& ioc_;
    net::ip::tcp::endpoint server_;
    int index_;
    std::string channel_;
    bool create_;
    SoakTally& tally_;
    std::string cookie_;
    std::shared_ptr<test::WsConnection> connection_;
    std::uint64_t generation_ = 0;  // of the current connection
    State state_ = State::down;
    bool joined_once_ = false;
    std::deque<std::pair<std::string, std::string>> outbox_;  // (client id, body), oldest first
    std::uint64_t next_seq_ = 0;
    std::uint64_t last_id_ = 0;
    std::uint64_t floor_ = 0;
    std::vector<Seen> view_;                  // in the order first seen
    std::map<std::uint64_t, std::size_t> at_; // post id -> its place in view_
    std::deque<chitchat::proto::ClientMessage> changes_;  // not yet answered, oldest first
    std::vector<std::uint64_t> own_;          // ids of its acknowledged posts
    std::string user_id_;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> gaps_;
    std::map<std::string, std::vector<std::uint64_t>> acks_;
    std::vector<std::string> acked_order_;  // client ids, in the order first acknowledged
    std::chrono::steady_clock::time_point last_ack_{};
};

}  // namespace bench
