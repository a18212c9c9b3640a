// A channel's recent posts: the newest `limits::history` kept in memory in their current state,
// oldest first. Ids number the channel's entries 1, 2, 3, ...: a post takes one, and so does
// every change of a post (protocol 2); "what came after entry N" is how a client catches up.
#pragma once
#include <cstdint>
#include <algorithm>
#include <deque>
#include <optional>
#include <vector>

#include "chitchat/limits.hpp"
#include "chitchat/types.hpp"

namespace chitchat {

class ChannelHistory {
public:
    explicit ChannelHistory(std::size_t capacity = limits::history) : capacity_(capacity) {}

    // Gives `message` the next id, keeps it (dropping the oldest past capacity), returns it.
    const Message& append(Message message);

    // Restores a retained message read back from storage; ids must increase.
    void restore(Message message);
    // After restoring: the channel's highest entry id (a change may be newer than any post).
    void resume_at(std::uint64_t last_id) { last_id_ = std::max(last_id_, last_id); }

    // The retained post with this id, if any.
    const Message* find(std::uint64_t id) const;

    // The next state of a retained post (same id): the change takes the next entry id, which
    // becomes the post's changed_id; returns it.
    const Message& apply(Message next);

    // Forgets message `id` and every newer one: they were never stored. The next id is `id`.
    void discard_from(std::uint64_t id);
    // Takes back change `entry_id` (the newest): the post goes back to `before`.
    void revert(std::uint64_t entry_id, Message before);

    // Forgets the messages sent before `before_ts` (a retention period); ids stay as they are.
    void expire(std::int64_t before_ts);

    struct Slice {
        std::vector<Message> messages;  // retained messages with id > after, oldest first
        std::uint64_t gap = 0;          // messages with id > after that are no longer retained
    };
    // Every retained message with gap 0 when `after` is empty. The gap here counts entry ids;
    // the caller takes away those that were changes, not posts (changes_between()).
    Slice after(std::optional<std::uint64_t> after) const;
    // The entry ids a Slice's gap spans: after < id < first.
    struct Span {
        std::uint64_t after = 0, first = 0;
    };
    Span gap_span(std::uint64_t after) const;

    // Retained posts with id <= after that changed after it, oldest first.
    std::vector<Message> changed_after(std::uint64_t after) const;

    std::uint64_t last_id() const { return last_id_; }
    const std::deque<Message>& messages() const { return messages_; }

private:
    void keep(Message message);

    std::size_t capacity_;
    std::deque<Message> messages_;
    std::uint64_t last_id_ = 0;
};

}  // namespace chitchat
