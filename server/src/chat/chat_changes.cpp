// The chat's `edit`, `delete` and `react` (protocol 2). Each change of a retained post takes the
// channel's next entry id, is stored, and goes to the channel's version-2 connections as
// `update` with the post's new state; a change that changes nothing takes no id and is answered
// to the requester alone. Version-1 connections are sent none of it.
#include "chat/chat_state.hpp"
#include "chitchat/post_changes.hpp"
#include "chitchat/validation.hpp"
#include "chitchat/versions.hpp"

namespace chitchat::server {

// What the three requests share: the channel, a resend, the rate limit and the post; `next`
// makes the post's next state (nothing: no change) or fails the request itself (false).
template <class Request, class Next>
void Chat::change_post(Connection& c, const Request& m, std::int64_t now_ms, Next&& next, Deliveries& out) {
    Session& s = *c.session;
    Channel* channel = find_channel(m.channel);
    if (!channel) return fail(c, ErrorCode::no_such_channel, "no channel named \"" + m.channel + "\"", m, out);
    // A client_id this session used for this kind of request already: the post as it is now,
    // nothing applied twice.
    std::optional<records::Posted> original;
    if (!stored(c, m, [&] { original = storage_.find_change(s.record.sid, Request::type, m.client_id); }, out)) return;
    if (original) {
        Message post = std::move(original->message);
        if (const Channel* in = find_channel(post.channel))
            if (const Message* retained = in->history.find(post.id)) post = *retained;
        post.client_id.reset();
        return reply(c, proto::Update{post.changed_id, std::move(post), m.client_id}, out);
    }
    if (!c.rate.allow(options_.rate, now_ms))
        return fail(c, ErrorCode::rate_limited, "at most " + std::to_string(options_.rate.count) + " messages in " +
                                                    std::to_string(options_.rate.window_ms / 1000) + " s", m, out);
    const Message* post = channel->history.find(m.id);
    if (!post)
        return fail(c, ErrorCode::no_such_message,
                    "no message " + std::to_string(m.id) + " among the latest " + std::to_string(limits::history) +
                        " of \"" + channel->record.name + "\"", m, out);
    std::optional<Message> changed;
    if (!next(*post, changed)) return;
    if (!changed) return reply(c, proto::Update{post->changed_id, *post, m.client_id}, out);

    const ChangeEntry entry{channel->history.last_id() + 1, Request::type, s.record.sid, m.client_id, now_ms};
    changed->changed_id = entry.id;
    if (!stored(c, m, [&] { storage_.change(channel->record, entry, *changed); }, out)) return;
    Unsaved unsaved{channel, entry.id, c.peer.get(), m.client_id, {}, *post, Request::type};
    if (post->attachment && !changed->attachment) unsaved_uploads_.push_back(post->attachment->id);
    const Message& now = channel->history.apply(std::move(*changed));
    channel->changed();
    s.active_ms = ++activity_;

    const Encoded ack = encode_shared(proto::Update{entry.id, now, m.client_id});
    out.push_back({{c.peer.get()}, ack});
    unsaved.frames.push_back(ack);
    Delivery others{{}, encode_shared(proto::Update{entry.id, now, std::nullopt})};
    for (const Connection* member : channel->members)
        if (member != &c && member->version >= 2) others.to.push_back(member->peer.get());
    if (!others.to.empty()) {
        unsaved.frames.push_back(others.message);
        out.push_back(std::move(others));
    }
    unsaved_posts_.push_back(std::move(unsaved));
}

void Chat::edit(Connection& c, const proto::Edit& m, std::int64_t now_ms, Deliveries& out) {
    change_post(c, m, now_ms, [&](const Message& post, std::optional<Message>& next) {
        if (post.sender_id != c.session->record.user_id)
            return fail(c, ErrorCode::forbidden, "only its sender may edit a message", m, out), false;
        if (post.deleted) return fail(c, ErrorCode::no_such_message, "this message was deleted", m, out), false;
        auto body = validate_body(m.body, post.attachment.has_value());
        if (!body) return fail(c, body.error().code, body.error().message, m, out), false;
        next = changes::edited(post, std::move(*body), now_ms);
        return true;
    }, out);
}

void Chat::remove(Connection& c, const proto::Delete& m, std::int64_t now_ms, Deliveries& out) {
    change_post(c, m, now_ms, [&](const Message& post, std::optional<Message>& next) {
        if (post.sender_id != c.session->record.user_id)
            return fail(c, ErrorCode::forbidden, "only its sender may delete a message", m, out), false;
        next = changes::deleted(post);
        return true;
    }, out);
}

void Chat::react(Connection& c, const proto::React& m, std::int64_t now_ms, Deliveries& out) {
    change_post(c, m, now_ms, [&](const Message& post, std::optional<Message>& next) {
        auto emoji = validate_emoji(m.emoji);
        if (!emoji) return fail(c, emoji.error().code, emoji.error().message, m, out), false;
        if (post.deleted) return fail(c, ErrorCode::no_such_message, "this message was deleted", m, out), false;
        auto reacted = changes::reacted(post, *emoji, *c.session->record.user_id, m.on);
        if (!reacted) return fail(c, reacted.error().code, reacted.error().message, m, out), false;
        next = std::move(*reacted);
        return true;
    }, out);
}

}  // namespace chitchat::server
