#include "chitchat/history.hpp"

#include <algorithm>

namespace chitchat {

const Message& ChannelHistory::append(Message message) {
    message.id = last_id_ + 1;
    keep(std::move(message));
    return messages_.back();
}

void ChannelHistory::restore(Message message) {
    if (message.id <= last_id_) return;  // out of order or repeated: the log is append-only
    keep(std::move(message));
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
    const std::uint64_t oldest = messages_.empty() ? last_id_ + 1 : messages_.front().id;
    if (oldest > *after + 1) slice.gap = std::min(oldest, last_id_ + 1) - (*after + 1);
    return slice;
}

}  // namespace chitchat
