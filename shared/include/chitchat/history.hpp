// A channel's recent messages: the newest `limits::history` kept in memory, oldest first,
// with per-channel ids 1, 2, 3, ... and "what came after id N" for catching up.
#pragma once
#include <cstdint>
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

    // Forgets message `id` and every newer one: they were never stored. The next id is `id`.
    void discard_from(std::uint64_t id);

    // Forgets the messages sent before `before_ts` (a retention period); ids stay as they are.
    void expire(std::int64_t before_ts);

    struct Slice {
        std::vector<Message> messages;  // retained messages with id > after, oldest first
        std::uint64_t gap = 0;          // messages with id > after that are no longer retained
    };
    // Every retained message with gap 0 when `after` is empty.
    Slice after(std::optional<std::uint64_t> after) const;

    std::uint64_t last_id() const { return last_id_; }
    const std::deque<Message>& messages() const { return messages_; }

private:
    void keep(Message message);

    std::size_t capacity_;
    std::deque<Message> messages_;
    std::uint64_t last_id_ = 0;
};

}  // namespace chitchat
