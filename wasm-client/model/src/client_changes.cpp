// The client's side of protocol 2's changes: replying, editing, deleting and reacting. Each
// change is shown at once (optimistically) and waits in an ordered queue, saved like the
// outbox, until the server's `update` for its client_id confirms it; refused for good, the post
// goes back to what the server had.
#include <algorithm>

#include "chitchat/client/client_state.hpp"
#include "chitchat/post_changes.hpp"
#include "chitchat/validation.hpp"

namespace chitchat::client {
namespace {

// Every queued change has one.
const std::string& change_id(const proto::ClientMessage& m) { return *proto::client_id_of(m); }

}  // namespace

const Message* ClientState::find_post(std::uint64_t id) const {
    for (const auto& e : messages_)
        if (!e.pending && e.message.id == id) return &e.message;
    return nullptr;
}

void ClientState::reply_to(std::uint64_t id) {
    const Message* post = find_post(id);
    if (!post || post->deleted) return;
    replying_ = changes::quote(*post);
}

void ClientState::show_post(std::uint64_t id) {
    Message where;
    where.id = id;
    where.channel = channel_;
    open_result(where);
}

std::optional<std::uint64_t> ClientState::last_own_post() const {
    for (auto it = messages_.rbegin(); it != messages_.rend(); ++it)
        if (!it->pending && it->mine && !it->message.deleted) return it->message.id;
    return std::nullopt;
}

bool ClientState::edit(std::uint64_t id, std::string_view body) {
    const Message* post = find_post(id);
    if (!post || post->deleted) return false;
    auto valid = validate_body(body, post->attachment.has_value());
    if (!valid) {
        banner_ = valid.error().message;
        return false;
    }
    if (auto next = changes::edited(*post, *valid, post->edited_ts.value_or(post->ts)))
        queue_change(proto::Edit{channel_, id, *valid, ids_()}, std::move(*next));
    return true;
}

void ClientState::remove(std::uint64_t id) {
    const Message* post = find_post(id);
    if (!post) return;
    if (auto next = changes::deleted(*post)) queue_change(proto::Delete{channel_, id, ids_()}, std::move(*next));
}

void ClientState::toggle_reaction(std::uint64_t id, const std::string& emoji) {
    const Message* post = find_post(id);
    if (!post || !user_id_ || !validate_emoji(emoji)) return;
    const auto it = std::find_if(post->reactions.begin(), post->reactions.end(),
                                 [&](const Reaction& r) { return r.emoji == emoji; });
    const bool on = it == post->reactions.end() || !reacted(*it);
    auto next = changes::reacted(*post, emoji, *user_id_, on);
    if (!next) {
        banner_ = next.error().message;
        return;
    }
    if (*next) queue_change(proto::React{channel_, id, emoji, on, ids_()}, std::move(**next));
}

bool ClientState::reacted(const Reaction& r) const {
    return user_id_ && std::find(r.users.begin(), r.users.end(), *user_id_) != r.users.end();
}

std::string ClientState::name_of(const std::string& user_id) const {
    if (user_id_ && user_id == *user_id_ && user_) return *user_;
    const auto it = names_.find(user_id);
    return it == names_.end() ? "someone" : it->second;
}

void ClientState::queue_change(proto::ClientMessage request, Message next) {
    const std::string& client_id = change_id(request);
    for (auto& e : messages_)
        if (!e.pending && e.message.id == next.id) {
            unconfirmed_.emplace(client_id, e.message);
            e.message = std::move(next);
        }
    changes_.push_back(request);
    if (status_ == Status::connected && user_) outgoing_.push_back(std::move(request));
    changed();
}

// The server's `update` for one of ours: confirmed, it leaves the queue.
void ClientState::confirm_change(const std::string& client_id) {
    const auto before = changes_.size();
    std::erase_if(changes_, [&](const proto::ClientMessage& m) { return change_id(m) == client_id; });
    unconfirmed_.erase(client_id);
    if (changes_.size() != before) changed();
}

// Refused for good (not a rate limit or a store failure, which a resend gets past): the post
// goes back as the server has it.
void ClientState::refuse_change(const proto::ErrorReply& m) {
    banner_ = m.message;
    if (!m.client_id || m.code == ErrorCode::rate_limited || m.code == ErrorCode::server_error) return;
    if (const auto it = unconfirmed_.find(*m.client_id); it != unconfirmed_.end()) {
        replace(it->second);
        unconfirmed_.erase(it);
    }
    std::erase_if(changes_, [&](const proto::ClientMessage& c) { return change_id(c) == *m.client_id; });
    changed();
}

void ClientState::flush_changes() {
    for (const auto& c : changes_) outgoing_.push_back(c);
}

std::string encode_changes(const std::vector<proto::ClientMessage>& changes) {
    std::string text;
    for (const auto& c : changes) text += proto::encode(c) + "\n";
    return text;
}

std::vector<proto::ClientMessage> decode_changes(std::string_view text) {
    std::vector<proto::ClientMessage> changes = decode_requests(text);
    std::erase_if(changes, [](const proto::ClientMessage& m) {
        return !std::holds_alternative<proto::Edit>(m) && !std::holds_alternative<proto::Delete>(m) &&
               !std::holds_alternative<proto::React>(m);
    });
    return changes;
}

}  // namespace chitchat::client
