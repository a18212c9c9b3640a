#include "chat/chat.hpp"

#include <algorithm>

#include "chitchat/overloaded.hpp"
#include "chitchat/validation.hpp"

namespace chitchat::server {

struct Chat::Session {
    records::Session record;
    std::vector<Connection*> connections;
    std::unordered_map<std::string, Encoded> recent;  // client_id -> the acknowledgement sent
    // Oldest first, at most limits::dedupe. A vector: a deque allocates ~600 bytes as soon as it
    // exists, for every visitor, and the erase at the front is rare and short.
    std::vector<std::string> recent_order;
};

struct Chat::Channel {
    records::Channel record;
    ChannelHistory history;
    std::vector<Connection*> members;
    // The `joined` for a join without `after` (the whole history), encoded once and shared by
    // every such join until the next message: up to 100 messages is the costliest frame to make.
    Encoded joined_all;
};

struct Chat::Connection {
    PeerPtr peer;
    Session* session = nullptr;
    Channel* channel = nullptr;
    std::size_t slot = 0;  // index in channel->members
    RateLimiter rate;
};

namespace {

template <class T>
Encoded encode_shared(T message) {
    return make_encoded(proto::encode(proto::ServerMessage{std::move(message)}));
}

}  // namespace

Chat::Chat(Storage& storage, const UploadIndex& uploads, ChatOptions options)
    : storage_(storage), uploads_(uploads), options_(options) {
    Snapshot snapshot = storage_.load();
    for (auto& record : snapshot.sessions) {
        Session& s = sessions_[record.sid];
        s.record = std::move(record);
    }
    for (auto& data : snapshot.channels) {
        if (find_channel(data.channel.name)) continue;  // a duplicate on disk: the first one wins
        Channel& channel = add_channel(data.channel);
        for (auto& posted : data.messages) {
            // Resends after a restart are still recognised for every message on disk (the last
            // 256 per channel), retained in history or not.
            const auto it = sessions_.find(posted.owner);
            if (it != sessions_.end() && posted.message.client_id)
                remember(it->second, *posted.message.client_id, encode_shared(proto::NewMessage{posted.message}));
            posted.message.client_id.reset();  // history shows no client ids
            channel.history.restore(std::move(posted.message));
        }
    }
    if (!find_channel(default_channel)) storage_.add_channel(add_channel({next_seq_, default_channel}).record);
}

Chat::~Chat() = default;

Chat::Channel& Chat::add_channel(records::Channel record) {
    auto channel = std::make_unique<Channel>();
    next_seq_ = std::max(next_seq_, record.seq + 1);
    channel->record = std::move(record);
    Channel& ref = *channel;
    channel_order_.push_back(&ref);
    std::stable_sort(channel_order_.begin(), channel_order_.end(),
                     [](const Channel* a, const Channel* b) { return a->record.seq < b->record.seq; });
    channels_.emplace(channel_key(ref.record.name), std::move(channel));
    return ref;
}

Chat::Channel* Chat::find_channel(std::string_view name) {
    const auto it = channels_.find(channel_key(name));
    return it == channels_.end() ? nullptr : it->second.get();
}

Chat::Session& Chat::session(const std::string& sid) {
    Session& s = sessions_[sid];
    if (s.record.sid.empty()) s.record = records::Session{sid, std::nullopt, default_channel};
    return s;
}

std::vector<ChannelInfo> Chat::channel_list() const {
    std::vector<ChannelInfo> list;
    list.reserve(channel_order_.size());
    for (const Channel* c : channel_order_) list.push_back({c->record.name, c->history.last_id()});
    return list;
}

std::optional<std::string> Chat::display_name(const std::string& sid) const {
    const auto it = sessions_.find(sid);
    return it == sessions_.end() ? std::nullopt : it->second.record.name;
}

std::vector<PeerPtr> Chat::peers() const {
    std::vector<PeerPtr> all;
    all.reserve(connections_.size());
    for (const auto& [_, c] : connections_) all.push_back(c->peer);
    return all;
}

// ---------------------------------------------------------------- connections

void Chat::connect(const PeerPtr& peer, const std::string& sid, Deliveries& out) {
    auto& c = connections_[peer.get()];
    c = std::make_unique<Connection>();
    c->peer = peer;
    c->session = &session(sid);
    c->session->connections.push_back(c.get());
    if (c->session->connections.size() == 1) ++online_;

    const Channel* last = find_channel(c->session->record.channel);
    proto::Welcome welcome;
    if (c->session->record.name) welcome.user = User{*c->session->record.name};
    welcome.channels = channel_list();
    welcome.channel = last ? last->record.name : std::string(default_channel);
    welcome.online = online_;
    welcome.max_upload_bytes = options_.max_upload_bytes;
    reply(*c, welcome, out);
}

void Chat::disconnect(Peer* peer) {
    const auto it = connections_.find(peer);
    if (it == connections_.end()) return;
    Connection& c = *it->second;
    leave_channel(c);
    Session& s = *c.session;
    std::erase(s.connections, &c);
    if (s.connections.empty()) {
        --online_;
        // Nothing to remember about an anonymous visitor who never left General Talk.
        if (!s.record.name && s.recent.empty()) sessions_.erase(s.record.sid);
    }
    connections_.erase(it);
}

void Chat::broadcast_online(Deliveries& out) {
    online_sent_ = online_;
    Delivery d{{}, encode_shared(proto::Online{online_})};
    d.to.reserve(connections_.size());
    for (const auto& [peer, _] : connections_) d.to.push_back(peer);
    out.push_back(std::move(d));
}

// ---------------------------------------------------------------- requests

void Chat::handle(Peer* peer, const proto::ClientMessage& message, std::int64_t now_ms, Deliveries& out) {
    const auto it = connections_.find(peer);
    if (it == connections_.end()) return;
    Connection& c = *it->second;
    // Every request but ping and set_name needs a display name first.
    const auto named = [&] {
        if (c.session->record.name) return true;
        fail(c, ErrorCode::name_required, "set a display name first", message, out);
        return false;
    };
    // One handler per request type: a request type without one does not compile.
    std::visit(overloaded{
                   [&](const proto::Ping& m) { reply(c, proto::Pong{m.t}, out); },
                   [&](const proto::SetName& m) { set_name(c, m, out); },
                   [&](const proto::CreateChannel& m) { if (named()) create_channel(c, m, out); },
                   [&](const proto::Join& m) { if (named()) join(c, m, out); },
                   [&](const proto::Send& m) { if (named()) send(c, m, now_ms, out); },
               },
               message);
}

void Chat::set_name(Connection& c, const proto::SetName& m, Deliveries& out) {
    auto name = validate_display_name(m.name);
    if (!name) return fail(c, name.error().code, name.error().message, m, out);
    Session& s = *c.session;
    s.record.name = *name;
    storage_.save_session(s.record);
    Delivery d{{}, encode_shared(proto::Session{User{*name}})};
    for (Connection* tab : s.connections) d.to.push_back(tab->peer.get());  // every tab learns the name
    out.push_back(std::move(d));
}

void Chat::create_channel(Connection& c, const proto::CreateChannel& m, Deliveries& out) {
    auto name = validate_channel_name(m.name);
    if (!name) return fail(c, name.error().code, name.error().message, m, out);
    if (const Channel* existing = find_channel(*name))
        return fail(c, ErrorCode::channel_exists, "a channel named \"" + existing->record.name + "\" exists already", m,
                    out);
    if (channels_.size() >= options_.max_channels)
        return fail(c, ErrorCode::too_large,
                    "this server holds at most " + std::to_string(options_.max_channels) + " channels", m, out);
    Channel& channel = add_channel({next_seq_, *name});
    storage_.add_channel(channel.record);
    enter(c, channel, std::nullopt, out);

    Delivery d{{}, encode_shared(proto::Channels{channel_list()})};
    for (const auto& [_, other] : connections_)
        if (other->session->record.name) d.to.push_back(other->peer.get());
    out.push_back(std::move(d));
}

void Chat::join(Connection& c, const proto::Join& m, Deliveries& out) {
    Channel* channel = find_channel(m.channel);
    if (!channel) return fail(c, ErrorCode::no_such_channel, "no channel named \"" + m.channel + "\"", m, out);
    enter(c, *channel, m.after, out);
}

void Chat::enter(Connection& c, Channel& channel, std::optional<std::uint64_t> after, Deliveries& out) {
    if (c.channel != &channel) {
        leave_channel(c);
        c.channel = &channel;
        c.slot = channel.members.size();
        channel.members.push_back(&c);
    }
    Session& s = *c.session;
    if (s.record.channel != channel.record.name) {
        s.record.channel = channel.record.name;
        storage_.save_session(s.record);
    }
    if (!after) {
        if (!channel.joined_all) {
            auto slice = channel.history.after(std::nullopt);
            channel.joined_all = encode_shared(proto::Joined{channel.record.name, std::move(slice.messages), slice.gap});
        }
        out.push_back({{c.peer.get()}, channel.joined_all});
        return;
    }
    auto slice = channel.history.after(after);
    reply(c, proto::Joined{channel.record.name, std::move(slice.messages), slice.gap}, out);
}

void Chat::leave_channel(Connection& c) {
    if (!c.channel) return;
    auto& members = c.channel->members;
    members[c.slot] = members.back();  // swap-remove, keeping every slot index right
    members[c.slot]->slot = c.slot;
    members.pop_back();
    c.channel = nullptr;
}

void Chat::send(Connection& c, const proto::Send& m, std::int64_t now_ms, Deliveries& out) {
    Session& s = *c.session;
    // A resend of something already accepted: answer with the original, post nothing.
    if (const auto it = s.recent.find(m.client_id); it != s.recent.end()) {
        out.push_back({{c.peer.get()}, it->second});
        return;
    }
    Channel* channel = find_channel(m.channel);
    if (!channel) return fail(c, ErrorCode::no_such_channel, "no channel named \"" + m.channel + "\"", m, out);
    if (c.channel != channel) return fail(c, ErrorCode::not_in_channel, "join the channel first", m, out);
    if (!c.rate.allow(options_.rate, now_ms))
        return fail(c, ErrorCode::rate_limited,
                    "at most " + std::to_string(options_.rate.count) + " messages in " +
                        std::to_string(options_.rate.window_ms / 1000) + " s",
                    m, out);
    auto body = validate_body(m.body, m.attachment_id.has_value());
    if (!body) return fail(c, body.error().code, body.error().message, m, out);
    std::optional<records::Upload> upload;
    if (m.attachment_id) {
        upload = uploads_.find(*m.attachment_id);
        if (!upload || upload->owner != s.record.sid)
            return fail(c, ErrorCode::no_such_upload, "no such upload", m, out);
    }

    Message message;
    message.channel = channel->record.name;
    message.sender = *s.record.name;
    message.body = std::move(*body);
    message.ts = now_ms;
    if (upload) message.attachment = std::move(upload->file);
    const Message& kept = channel->history.append(std::move(message));
    channel->joined_all.reset();
    Message with_id = kept;
    with_id.client_id = m.client_id;
    storage_.append(channel->record, {with_id, s.record.sid});

    // Two encodings: the sender's acknowledgement carries its client_id, everyone else's not.
    const Encoded ack = encode_shared(proto::NewMessage{std::move(with_id)});
    Delivery others{{}, encode_shared(proto::NewMessage{kept})};
    others.to.reserve(channel->members.size());
    for (Connection* member : channel->members)
        if (member != &c) others.to.push_back(member->peer.get());
    out.push_back({{c.peer.get()}, ack});
    out.push_back(std::move(others));
    remember(s, m.client_id, ack);
}

void Chat::remember(Session& s, const std::string& client_id, Encoded ack) {
    if (!s.recent.emplace(client_id, std::move(ack)).second) return;
    s.recent_order.push_back(client_id);
    if (s.recent_order.size() > limits::dedupe) {
        s.recent.erase(s.recent_order.front());
        s.recent_order.erase(s.recent_order.begin());
    }
}

void Chat::reply(Connection& c, const proto::ServerMessage& m, Deliveries& out) {
    out.push_back({{c.peer.get()}, make_encoded(proto::encode(m))});
}

void Chat::fail(Connection& c, ErrorCode code, std::string message, const proto::ClientMessage& request,
                Deliveries& out) {
    proto::ErrorReply e{code, std::move(message), std::string(proto::type_name(request)), std::nullopt};
    if (const auto* send = std::get_if<proto::Send>(&request)) e.client_id = send->client_id;
    reply(c, e, out);
}

}  // namespace chitchat::server
