#include "soak_client.hpp"

#include <algorithm>
#include <cstdio>

namespace bench {

using namespace chitchat::proto;

SoakClient::SoakClient(net::io_context& ioc, net::ip::tcp::endpoint server, int index, std::string channel,
                       bool create, SoakTally& tally)
    : ioc_(ioc), server_(server), index_(index), channel_(std::move(channel)), create_(create), tally_(tally) {}

void SoakClient::connect() {
    if (connection_) connection_->drop();
    state_ = State::connecting;
    const std::uint64_t generation = ++generation_;
    test::WsConnection::Options options;
    options.cookie = cookie_;
    options.mask_seed = static_cast<std::uint32_t>(index_ + 1);
    options.path = "/ws?v=2";
    // Each connection's handlers check that it is still the current one: a dropped connection
    // may still complete a read, and what it brings is ignored.
    auto current = [weak = weak_from_this(), generation]() -> std::shared_ptr<SoakClient> {
        auto self = weak.lock();
        return self && self->generation_ == generation ? self : nullptr;
    };
    test::WsConnection::Handlers h;
    h.open = [current] {
        if (auto self = current(); self && self->connection_->set_cookie())
            self->cookie_ = self->connection_->set_cookie()->substr(0, self->connection_->set_cookie()->find(';'));
    };
    h.message = [current](std::string_view text) {
        if (auto self = current()) self->on_frame(text);
    };
    h.refused = [current](unsigned) {
        if (auto self = current()) self->drop();
    };
    h.ended = [current](const test::WsConnection::Ended&) {
        if (auto self = current()) self->drop();
    };
    connection_ = std::make_shared<test::WsConnection>(ioc_, server_, std::move(options), std::move(h));
    connection_->start();
}

void SoakClient::drop() {
    if (connection_) connection_->drop();
    ++generation_;  // whatever the old connection still completes is ignored
    state_ = State::down;
}

void SoakClient::write(const ClientMessage& m) {
    if (connection_) connection_->send_text(encode(m));
}

void SoakClient::on_frame(std::string_view text) {
    auto decoded = decode_server(text);
    if (!decoded) {
        ++tally_.errors;
        return;
    }
    std::visit(
        [this](auto& m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, Welcome>) {
                if (!m.user) return write(SetName{"soak " + std::to_string(index_)});
                user_id_ = m.user->id.value_or("");
                if (create_) return write(CreateChannel{channel_});
                write(Join{channel_, last_id_ ? std::optional(last_id_) : std::nullopt});
            } else if constexpr (std::is_same_v<T, Session>) {
                user_id_ = m.user.id.value_or("");
                if (create_) return write(CreateChannel{channel_});
                write(Join{channel_, last_id_ ? std::optional(last_id_) : std::nullopt});
            } else if constexpr (std::is_same_v<T, Joined>) {
                if (m.channel == channel_) on_joined(m);
            } else if constexpr (std::is_same_v<T, NewMessage>) {
                const chitchat::Message& msg = m.message;
                if (msg.channel != channel_) return;
                if (msg.client_id) {
                    auto& ids = acks_[*msg.client_id];
                    if (ids.empty()) {
                        acked_order_.push_back(*msg.client_id);
                        last_ack_ = std::chrono::steady_clock::now();
                    }
                    if (std::find(ids.begin(), ids.end(), msg.id) == ids.end()) ids.push_back(msg.id);
                    std::erase_if(outbox_, [&](const auto& e) { return e.first == *msg.client_id; });
                    if (std::find(own_.begin(), own_.end(), msg.id) == own_.end()) own_.push_back(msg.id);
                    if (at_.count(msg.id)) return;  // the answer to a resend: already in view
                }
                ++tally_.delivered;
                show(msg, true);
            } else if constexpr (std::is_same_v<T, Update>) {
                if (m.message.channel != channel_) return;
                if (m.client_id)
                    std::erase_if(changes_, [&](const ClientMessage& c) { return *client_id_of(c) == *m.client_id; });
                last_id_ = std::max(last_id_, m.id);
                show(m.message, false);
            } else if constexpr (std::is_same_v<T, ErrorReply>) {
                if (m.client_id && m.code == chitchat::ErrorCode::no_such_message) {  // raced with its post leaving
                    std::erase_if(changes_, [&](const ClientMessage& c) { return *client_id_of(c) == *m.client_id; });
                    ++tally_.changes_refused;
                    return;
                }
                if (++tally_.errors <= 5) std::fprintf(stderr, "soak user %d: error %s\n", index_, m.message.c_str());
                if (m.code == chitchat::ErrorCode::channel_exists) {  // created before a drop
                    create_ = false;
                    write(Join{channel_, last_id_ ? std::optional(last_id_) : std::nullopt});
                }
            }
        },
        *decoded);
}

void SoakClient::show(const chitchat::Message& m, bool is_new) {
    Seen seen{m.id, m.body, m.deleted, m.edited_ts.has_value(), m.reactions};
    if (const auto it = at_.find(m.id); it != at_.end()) {
        view_[it->second] = std::move(seen);
    } else if (is_new) {
        at_[m.id] = view_.size();
        view_.push_back(std::move(seen));
    }
    last_id_ = std::max(last_id_, m.id);
}

void SoakClient::on_joined(const Joined& j) {
    create_ = false;
    if (!joined_once_) floor_ = j.messages.empty() ? 1 : j.messages.front().id;
    if (j.gap > 0 && last_id_ > 0) {  // the ids from after+1 to the first one sent are gone
        const std::uint64_t first = j.messages.empty() ? j.last_id.value_or(last_id_) + 1 : j.messages.front().id;
        gaps_.emplace_back(last_id_ + 1, first - (last_id_ + 1));
        tally_.expired += j.gap;
    }
    for (const chitchat::Message& msg : j.messages) {
        ++tally_.delivered;
        show(msg, true);
    }
    if (j.updates)
        for (const chitchat::Message& msg : *j.updates) show(msg, false);
    last_id_ = std::max(last_id_, j.last_id.value_or(0));
    if (state_ == State::connecting && joined_once_) ++tally_.reconnects;
    joined_once_ = true;
    state_ = State::ready;
    for (const auto& [client_id, body] : outbox_) {  // in order, with the same client ids
        write(Send{channel_, body, client_id, std::nullopt});
        ++tally_.resends;
    }
    for (const auto& c : changes_) {
        write(c);
        ++tally_.resends;
    }
}

void SoakClient::change(std::mt19937& rng) {
    if (!ready() || view_.empty()) return;
    const std::string client_id = "c" + std::to_string(index_) + "." + std::to_string(++next_seq_);
    const unsigned dice = rng() % 10;
    std::optional<ClientMessage> request;
    if (dice < 6) {  // a reaction on or off, on any post in view
        const Seen& post = view_[view_.size() - 1 - rng() % std::min<std::size_t>(view_.size(), 50)];
        if (post.deleted) return;
        static const char* const emoji[] = {"👍", "❤️", "🎉", "👀"};
        const std::string e = emoji[rng() % 4];
        bool mine = false;
        for (const auto& r : post.reactions)
            if (r.emoji == e) mine = std::find(r.users.begin(), r.users.end(), user_id_) != r.users.end();
        request = React{channel_, post.id, e, !mine, client_id};
    } else if (!own_.empty()) {  // an edit or (rarely) a deletion of one of its recent posts
        const std::uint64_t id = own_[own_.size() - 1 - rng() % std::min<std::size_t>(own_.size(), 5)];
        const auto it = at_.find(id);
        if (it == at_.end() || view_[it->second].deleted) return;
        if (dice < 9) request = Edit{channel_, id, "soak edit " + client_id, client_id};
        else request = Delete{channel_, id, client_id};
    }
    if (!request) return;
    ++tally_.changes;
    changes_.push_back(*request);
    write(*request);
}

void SoakClient::send_new(std::mt19937&) {
    if (!ready()) return;
    const std::string key = std::to_string(index_) + "." + std::to_string(++next_seq_);
    outbox_.emplace_back("s" + key, "soak " + key);
    ++tally_.sent;
    write(Send{channel_, outbox_.back().second, outbox_.back().first, std::nullopt});
}

// A send repeated just after its acknowledgement, as by a client that resent it on a reconnect
// while the acknowledgement was on its way. (The server recognises a resend of any message of
// the session's whole history, across restarts, README "What is durable"; the soak repeats the
// recent ones, as clients do.)
void SoakClient::resend_acknowledged(std::mt19937&) {
    if (!ready() || acked_order_.empty()) return;
    if (std::chrono::steady_clock::now() - last_ack_ > std::chrono::seconds(2)) return;
    const std::string& client_id = acked_order_.back();
    ++tally_.resends;
    write(Send{channel_, "soak " + client_id.substr(1), client_id, std::nullopt});
}

}  // namespace bench
