#include "chat/chat.hpp"

#include "chat/chat_state.hpp"

#include <algorithm>

#include "chitchat/overloaded.hpp"
#include "chitchat/validation.hpp"
#include "chitchat/versions.hpp"
#include "log.hpp"
#include "store/ids.hpp"

namespace chitchat::server {

Chat::Chat(Storage& storage, UploadIndex& uploads, ChatOptions options)
    : storage_(storage), uploads_(uploads), options_(options) {
    Snapshot snapshot = storage_.load();
    for (auto& record : snapshot.sessions) {
        Session& s = sessions_[record.sid];
        s.record = std::move(record);
        if (s.record.name && !s.record.user_id) {  // named before user ids existed
            s.record.user_id = random_user_id();
            storage_.save_session(s.record);
        }
    }
    for (auto& data : snapshot.channels) {
        if (find_channel(data.channel.name)) continue;  // a duplicate on disk: the first one wins
        Channel& channel = add_channel(data.channel);
        for (auto& posted : data.messages) {
            last_ts_ = std::max(last_ts_, posted.message.ts);
            posted.message.client_id.reset();  // history shows no client ids
            channel.history.restore(std::move(posted.message));
        }
        channel.history.resume_at(data.last_id);
    }
    if (!find_channel(default_channel)) storage_.add_channel(add_channel({next_seq_, default_channel}).record);
    storage_.commit();
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
    if (s.record.sid.empty()) s.record = records::Session{sid, std::nullopt, default_channel, std::nullopt};
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

void Chat::connect(const PeerPtr& peer, const std::string& sid, int version, Deliveries& out) {
    auto& c = connections_[peer.get()];
    c = std::make_unique<Connection>();
    c->peer = peer;
    c->version = version;
    c->session = &session(sid);
    c->session->connections.push_back(c.get());
    if (c->session->connections.size() == 1) ++online_;
    c->session->active_ms = ++activity_;

    const Channel* last = find_channel(c->session->record.channel);
    proto::Welcome welcome;
    welcome.protocol = version;
    welcome.user = user_of(*c->session, version);
    welcome.channels = channel_list();
    welcome.channel = last ? last->record.name : std::string(default_channel);
    welcome.online = online_;
    welcome.max_upload_bytes = options_.max_upload_bytes;
    if (version >= 2) {
        welcome.dms.emplace();   // direct messages: not yet (protocol.md)
        welcome.read.emplace();  // read markers: not yet
        welcome.people = people();
    }
    reply(*c, welcome, out);
}

std::optional<User> Chat::user_of(const Session& s, int version) {
    if (!s.record.name) return std::nullopt;
    return for_version(User{*s.record.name, s.record.user_id}, version);
}

// Named users with an open connection, the most recently active first, at most people_listed.
std::vector<User> Chat::people() const {
    std::vector<const Session*> online;
    for (const auto& [_, s] : sessions_)
        if (s.record.name && !s.connections.empty()) online.push_back(&s);
    const std::size_t n = std::min(online.size(), limits::people_listed);
    std::partial_sort(online.begin(), online.begin() + static_cast<std::ptrdiff_t>(n), online.end(),
                      [](const Session* a, const Session* b) { return a->active_ms > b->active_ms; });
    std::vector<User> list;
    for (std::size_t i = 0; i < n; ++i) list.push_back(User{*online[i]->record.name, online[i]->record.user_id});
    return list;
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
        if (!s.record.name) sessions_.erase(s.record.sid);  // an anonymous visitor: nothing to keep
    }
    for (Unsaved& post : unsaved_posts_)
        if (post.sender == peer) post.sender = nullptr;
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
    if (c.version < 2 && proto::version_2_only(message)) {  // as a version-1 server answers it
        const std::string type(proto::type_name(message));
        return reply(c, proto::ErrorReply{ErrorCode::unknown_type, "unknown type \"" + type + "\"", type, std::nullopt},
                     out);
    }
    // One handler per request type: a request type without one does not compile.
    std::visit(overloaded{
                   [&](const proto::Ping& m) { reply(c, proto::Pong{m.t}, out); },
                   [&](const proto::SetName& m) { set_name(c, m, out); },
                   [&](const proto::CreateChannel& m) { if (named()) create_channel(c, m, out); },
                   [&](const proto::Join& m) { if (named()) join(c, m, out); },
                   [&](const proto::Send& m) { if (named()) send(c, m, now_ms, out); },
                   [&](const proto::History& m) { if (named()) history(c, m, out); },
                   [&](const proto::Search& m) { if (named()) search(c, m, out); },
                   [&](const proto::Edit& m) { if (named()) edit(c, m, now_ms, out); },
                   [&](const proto::Delete& m) { if (named()) remove(c, m, now_ms, out); },
                   [&](const proto::React& m) { if (named()) react(c, m, now_ms, out); },
               },
               message);
}

void Chat::set_name(Connection& c, const proto::SetName& m, Deliveries& out) {
    auto name = validate_display_name(m.name);
    if (!name) return fail(c, name.error().code, name.error().message, m, out);
    Session& s = *c.session;
    records::Session changed = s.record;
    changed.name = *name;
    if (!changed.user_id) changed.user_id = random_user_id();  // kept for the session's life
    if (!stored(c, m, [&] { storage_.save_session(changed); }, out)) return;
    s.record = std::move(changed);
    if (storage_.pending()) unsaved_sessions_.push_back(s.record.sid);
    ByVersion tabs;  // every tab learns the name, each in its version
    for (Connection* tab : s.connections) tabs.add(*tab);
    tabs.send([&](int v) { return proto::Session{*user_of(s, v)}; }, out);
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
    const records::Channel record{next_seq_, *name};
    if (!stored(c, m, [&] { storage_.add_channel(record); }, out)) return;
    Channel& channel = add_channel(record);
    if (storage_.pending()) unsaved_channels_.push_back(&channel);
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
        save_session(s);  // where the session comes back to: not worth failing the join for
    }
    if (!after) {
        Encoded& cached = channel.joined_all[c.version >= 2];
        if (!cached) cached = encode_shared(joined(channel, std::nullopt, c.version));
        out.push_back({{c.peer.get()}, cached});
        return;
    }
    reply(c, joined(channel, after, c.version), out);
}

proto::Joined Chat::joined(const Channel& channel, std::optional<std::uint64_t> after, int version) {
    auto slice = channel.history.after(after);
    if (slice.gap > 0) {  // the ids the client missed, less those that were changes, not posts
        const auto span = channel.history.gap_span(*after);
        try {
            slice.gap -= std::min(slice.gap, storage_.changes_between(channel.record, span.after, span.first));
        } catch (const StoreError& e) {
            log::error(std::string("counting a channel's changes failed: ") + e.what());
        }
    }
    proto::Joined j{channel.record.name, std::move(slice.messages), slice.gap, std::nullopt, std::nullopt};
    if (version >= 2) {
        j.updates = after ? channel.history.changed_after(*after) : std::vector<Message>{};
        j.last_id = channel.history.last_id();
    } else {  // posts as version 1 knows them, and no tombstones
        std::erase_if(j.messages, [](const Message& m) { return m.deleted; });
        for (Message& m : j.messages) downgrade(m, version);
    }
    return j;
}

void Chat::leave_channel(Connection& c) {
    if (!c.channel) return;
    auto& members = c.channel->members;
    members[c.slot] = members.back();  // swap-remove, keeping every slot index right
    members[c.slot]->slot = c.slot;
    members.pop_back();
    c.channel = nullptr;
}

void Chat::reply(Connection& c, const proto::ServerMessage& m, Deliveries& out) {
    out.push_back({{c.peer.get()}, make_encoded(proto::encode(m))});
}

void Chat::fail(Connection& c, ErrorCode code, std::string message, const proto::ClientMessage& request,
                Deliveries& out) {
    proto::ErrorReply e{code, std::move(message), std::string(proto::type_name(request)), std::nullopt};
    if (const std::string* client_id = proto::client_id_of(request)) e.client_id = *client_id;
    reply(c, e, out);
}

}  // namespace chitchat::server
