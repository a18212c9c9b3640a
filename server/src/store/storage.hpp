// Where the chat's durable state goes: sessions, channels and each channel's retained messages.
#pragma once
#include <vector>

#include "chitchat/records.hpp"

namespace chitchat::server {

// What a server starts from.
struct Snapshot {
    struct ChannelData {
        records::Channel channel;
        std::vector<records::Posted> messages;  // the last ones logged (history and resends), oldest first
    };
    std::vector<ChannelData> channels;  // in creation order
    std::vector<records::Session> sessions;
};

// Every call returns once the change is safe from a crash of this process (kill -9): the chat
// acknowledges nothing before that.
class Storage {
public:
    virtual ~Storage() = default;
    virtual Snapshot load() = 0;
    virtual void save_session(const records::Session& session) = 0;
    virtual void add_channel(const records::Channel& channel) = 0;
    virtual void append(const records::Channel& channel, const records::Posted& message) = 0;
    // Pushes what was written to the disk itself (fsync), at a clean shutdown.
    virtual void flush() {}
};

// Keeps nothing: for tests and for `--persist off`.
class NoStorage final : public Storage {
public:
    Snapshot load() override { return {}; }
    void save_session(const records::Session&) override {}
    void add_channel(const records::Channel&) override {}
    void append(const records::Channel&, const records::Posted&) override {}
};

}  // namespace chitchat::server
