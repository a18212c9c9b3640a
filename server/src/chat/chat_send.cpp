// The chat's `send`, and what group commit asks of it: the posts written since the last
// commit, taken back when that commit fails.
#include <algorithm>

#include "chat/chat_state.hpp"
#include "chitchat/post_changes.hpp"
#include "chitchat/validation.hpp"
#include "chitchat/versions.hpp"
#include "log.hpp"

namespace chitchat::server {

void Chat::send(Connection& c, const proto::Send& m, std::int64_t now_ms, Deliveries& out) {
    Session& s = *c.session;
    // A resend of something stored already is answered with the original, whatever else holds
    // now (a reconnected tab that has not joined yet, a rate limit since): look before refusing.
    const auto refuse = [&](ErrorCode code, std::string why) {
        std::optional<records::Posted> original;
        if (!stored(c, m, [&] { original = storage_.find_sent(s.record.sid, m.client_id); }, out)) return;
        if (original) return reply(c, proto::NewMessage{for_version(std::move(original->message), c.version)}, out);
        fail(c, code, std::move(why), m, out);
    };
    Channel* channel = find_channel(m.channel);
    if (!channel) return refuse(ErrorCode::no_such_channel, "no channel named \"" + m.channel + "\"");
    if (c.channel != channel) return refuse(ErrorCode::not_in_channel, "join the channel first");
    if (!c.rate.allow(options_.rate, now_ms))
        return refuse(ErrorCode::rate_limited, "at most " + std::to_string(options_.rate.count) + " messages in " +
                                                   std::to_string(options_.rate.window_ms / 1000) + " s");
    auto body = validate_body(m.body, m.attachment_id.has_value());
    if (!body) return refuse(body.error().code, body.error().message);
    const Message* answered = nullptr;  // version 2: the post this one replies to
    if (m.reply_to && c.version >= 2) {
        answered = channel->history.find(*m.reply_to);
        if (!answered || answered->deleted)
            return refuse(ErrorCode::no_such_message, "no message " + std::to_string(*m.reply_to) + " to reply to among the latest " +
                                                          std::to_string(limits::history) + " of \"" + channel->record.name + "\"");
    }
    std::optional<records::Upload> upload;
    if (m.attachment_id) {
        upload = uploads_.find(*m.attachment_id);
        if (!upload || upload->owner != s.record.sid) return refuse(ErrorCode::no_such_upload, "no such upload");
    }

    Message message;
    message.id = channel->history.last_id() + 1;
    message.channel = channel->record.name;
    message.sender = *s.record.name;
    message.sender_id = s.record.user_id;
    message.body = std::move(*body);
    message.ts = last_ts_ = std::max(now_ms, last_ts_ + 1);  // one time per post: a search cursor
    message.client_id = m.client_id;
    if (upload) message.attachment = std::move(upload->file);
    if (answered) message.reply_to = changes::quote(*answered);
    message.changed_id = message.id;
    // Stored first: the store knows every client_id this session used, and a resend of one is
    // answered with the original, posting nothing.
    std::optional<records::Posted> original;
    if (!stored(c, m, [&] { original = storage_.append(channel->record, {message, s.record.sid}); }, out)) return;
    if (original) return reply(c, proto::NewMessage{for_version(std::move(original->message), c.version)}, out);

    // The sender's acknowledgement carries its client_id, everyone else's copy not; each is
    // encoded once per protocol version present.
    const Encoded ack = encode_shared(proto::NewMessage{for_version(message, c.version)});
    message.client_id.reset();
    ByVersion others;
    for (Connection* member : channel->members)
        if (member != &c) others.add(*member);
    out.push_back({{c.peer.get()}, ack});
    const std::size_t first = out.size();
    others.send([&](int v) { return proto::NewMessage{for_version(message, v)}; }, out);
    channel->history.append(std::move(message));
    channel->changed();
    s.active_ms = ++activity_;
    if (!storage_.pending()) return;
    Unsaved unsaved{channel, channel->history.last_id(), c.peer.get(), m.client_id, {ack}};
    for (std::size_t i = first; i < out.size(); ++i) unsaved.frames.push_back(out[i].message);
    unsaved_posts_.push_back(std::move(unsaved));
}

// ---------------------------------------------------------------- group commit

void Chat::save_session(const Session& s) {
    try {
        storage_.save_session(s.record);
        if (storage_.pending()) unsaved_sessions_.push_back(s.record.sid);
    } catch (const StoreError& e) {
        log::error(std::string("saving a session failed: ") + e.what());
    }
}

std::vector<std::string> Chat::expire(std::int64_t before_ts) {
    std::vector<std::string> uploads = storage_.expire(before_ts);
    for (Channel* channel : channel_order_) {
        const std::size_t had = channel->history.messages().size();
        channel->history.expire(before_ts);
        if (channel->history.messages().size() != had) channel->changed();
    }
    return uploads;
}

void Chat::committed() {
    for (const std::string& id : unsaved_uploads_) uploads_.remove(id);  // deleted posts' files: 404 from now on
    unsaved_uploads_.clear();
    unsaved_posts_.clear();
    unsaved_sessions_.clear();
    unsaved_channels_.clear();
}

std::vector<Encoded> Chat::abandon(Deliveries& out) {
    std::vector<Encoded> dropped;
    unsaved_uploads_.clear();  // their posts are not deleted after all
    // Newest first: each channel's history is cut back to before its first unsaved entry, the
    // posts changed since put back as they were.
    for (auto it = unsaved_posts_.rbegin(); it != unsaved_posts_.rend(); ++it) {
        if (it->before) it->channel->history.revert(it->id, std::move(*it->before));
        else it->channel->history.discard_from(it->id);
        it->channel->changed();
        dropped.insert(dropped.end(), it->frames.begin(), it->frames.end());
        if (!it->sender) continue;
        const auto c = connections_.find(it->sender);
        if (c == connections_.end()) continue;
        proto::ErrorReply e{ErrorCode::server_error, "the server could not store this; it will be sent again",
                            std::string(it->ref), it->client_id};
        reply(*c->second, e, out);
    }
    // Names and channels stay as everyone was told; they are written again, to be committed
    // with the next change.
    const auto sessions = std::move(unsaved_sessions_);
    const auto channels = std::move(unsaved_channels_);
    committed();
    try {
        for (const auto& sid : sessions)
            if (const auto s = sessions_.find(sid); s != sessions_.end()) storage_.save_session(s->second.record);
        for (const Channel* channel : channels) storage_.add_channel(channel->record);
    } catch (const StoreError& e) {
        log::error(std::string("writing names and channels again failed: ") + e.what());
    }
    return dropped;
}

}  // namespace chitchat::server
