#include "chitchat/post_changes.hpp"

#include <algorithm>

#include "chitchat/limits.hpp"
#include "chitchat/text.hpp"

namespace chitchat::changes {

std::optional<Message> edited(const Message& post, std::string body, std::int64_t ts) {
    if (post.deleted || body == post.body) return std::nullopt;
    Message next = post;
    next.body = std::move(body);
    next.edited_ts = ts;
    return next;
}

std::optional<Message> deleted(const Message& post) {
    if (post.deleted) return std::nullopt;
    Message next = post;
    next.deleted = true;
    next.body.clear();
    next.attachment.reset();
    next.reply_to.reset();
    next.reactions.clear();
    next.edited_ts.reset();
    return next;
}

Result<std::optional<Message>, Error> reacted(const Message& post, const std::string& emoji,
                                             const std::string& user_id, bool on) {
    if (post.deleted) return std::optional<Message>{};
    const auto same = [&](const Reaction& r) { return r.emoji == emoji; };
    const auto existing = std::find_if(post.reactions.begin(), post.reactions.end(), same);
    const bool has = existing != post.reactions.end() &&
                     std::find(existing->users.begin(), existing->users.end(), user_id) != existing->users.end();
    if (has == on) return std::optional<Message>{};
    if (on && existing == post.reactions.end() && post.reactions.size() >= limits::reactions_per_post)
        return Failure{Error{ErrorCode::too_large,
                             "a message has at most " + std::to_string(limits::reactions_per_post) + " different reactions"}};
    Message next = post;
    auto it = std::find_if(next.reactions.begin(), next.reactions.end(), same);
    if (on) {
        if (it == next.reactions.end()) it = next.reactions.insert(it, Reaction{emoji, {}});
        it->users.push_back(user_id);
    } else {
        std::erase(it->users, user_id);
        if (it->users.empty()) next.reactions.erase(it);
    }
    return std::optional<Message>{std::move(next)};
}

ReplyTo quote(const Message& post) {
    return ReplyTo{post.id, post.sender, post.sender_id,
                   std::string(text::truncate_chars(post.body, limits::reply_quote_chars))};
}

}  // namespace chitchat::changes
