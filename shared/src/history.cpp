#include "chitchat/history.hpp"

#include <algorithm>

namespace chitchat {

namespace {
auto by_id(const std::deque<Message>& messages, std::uint64_t id) {
    return std::lower_bound(messages.begin(), messages.end(), id,
                            [](const Message& m, std::uint64_t v) { return m.id < v; });
}
}  // namespace

const Message& ChannelHistory::append(Message message) {
    message.id = last_id_ + 1;
    message.changed_id = message.id;
    keep(std::move(message));
    return messages_.back();
}

void ChannelHistory::restore(Message message) {
    if (!messages_.empty() && message.id <= messages_.back().id) return;  // out of order or repeated
    if (message.changed_id < message.id) message.changed_id = message.id;
    const std::uint64_t newest = std::max(last_id_, message.changed_id);
    keep(std::move(message));
    last_id_ = std::max(last_id_, newest);
}

const Message* ChannelHistory::find(std::uint64_t id) const {
    const auto it = by_id(messages_, id);
    return it != messages_.end() && it->id == id ? &*it : nullptr;
}

const Message& ChannelHistory::apply(Message next) {
    const auto it = messages_.begin() + (by_id(messages_, next.id) - messages_.cbegin());
    next.changed_id = ++last_id_;
    *it = std::move(next);
    return *it;
}

void ChannelHistory::revert(std::uint64_t entry_id, Message before) {
    if (entry_id == 0 || entry_id > last_id_) return;
    last_id_ = entry_id - 1;
    const auto it = messages_.begin() + (by_id(messages_, before.id) - messages_.cbegin());
    if (it != messages_.end() && it->id == before.id) *it = std::move(before);
}

std::vector<Message> ChannelHistory::changed_after(std::uint64_t after) const {
    std::vector<Message> changed;
    for (const Message& m : messages_) {
        if (m.id > after) break;
        if (m.changed_id > after) changed.push_back(m);
    }
    return changed;
}

ChannelHistory::Span ChannelHistory::gap_span(std::uint64_t after) const {
    const std::uint64_t first = messages_.empty() ? last_id_ + 1 : messages_.front().id;
    return {after, std::min(first, last_id_ + 1)};
}

void ChannelHistory::discard_from(std::uint64_t id) {
    if (id == 0 || id > last_id_) return;
    while (!messages_.empty() && messages_.back().id >= id) messages_.pop_back();
    last_id_ = id - 1;
}

void ChannelHistory::expire(std::int64_t before_ts) {
    while (!messages_.empty() && messages_.front().ts < before_ts) messages_.pop_front();
}

void ChannelHistory::keep(Message message) {
    last_id_ = message.id;
    messages_.push_back(std::move(message));
    while (messages_.size() > capacity_) messages_.pop_front();
}

ChannelHistory::Slice ChannelHistory::after(std::optional<std::uint64_t> after) const {
    Slice slice;
    if (!after) {
        slice.messages.assign(messages_.begin(), messages_.end());
        return slice;
    }
    const auto first = std::upper_bound(messages_.begin(), messages_.end(), *after,
                                        [](std::uint64_t id, const Message& m) { return id < m.id; });
    slice.messages.assign(first, messages_.end());
    // Ids after `after` that are gone: from after+1 up to the oldest retained (or last) id.
    const Span span = gap_span(*after);
    if (span.first > *after + 1) slice.gap = span.first - (*after + 1);
    return slice;
}

}  // namespace chitchat
