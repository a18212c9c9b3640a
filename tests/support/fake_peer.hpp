// A connection for driving the chat without sockets: it keeps every frame delivered to it.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chat/chat.hpp"
#include "chitchat/protocol.hpp"

namespace test {

struct FakePeer : chitchat::server::Peer {
    std::vector<std::string> frames;
    bool went_away = false;
    void deliver(const chitchat::server::Encoded& frame) override { frames.push_back(*frame); }
    void go_away() override { went_away = true; }

    // Every frame so far, decoded, and forgets them.
    std::vector<chitchat::proto::ServerMessage> take() {
        std::vector<chitchat::proto::ServerMessage> out;
        for (const auto& f : frames) out.push_back(*chitchat::proto::decode_server(f));
        frames.clear();
        return out;
    }
    // The only frame of type T among those received (and forgets them all).
    template <class T>
    std::optional<T> only() {
        std::optional<T> found;
        int count = 0;
        for (auto& m : take())
            if (auto* t = std::get_if<T>(&m)) {
                found = *t;
                ++count;
            }
        return count == 1 ? found : std::nullopt;
    }
};

// Uploads known by id, for `send` with an attachment.
struct FakeUploads : chitchat::server::UploadIndex {
    std::map<std::string, chitchat::records::Upload, std::less<>> files;
    std::optional<chitchat::records::Upload> find(std::string_view id) const override {
        const auto it = files.find(id);
        if (it == files.end()) return std::nullopt;
        return it->second;
    }
    void remove(const std::string& id) override { files.erase(id); }
};

// Drives a Chat as the hub would: each call delivers what the chat produced to the fake peers.
class ChatDriver {
public:
    explicit ChatDriver(chitchat::server::Chat& chat) : chat_(chat) {}
    std::int64_t now = 1'764'151'200'000;

    std::shared_ptr<FakePeer> connect(const std::string& sid, int version = 1) {
        auto peer = std::make_shared<FakePeer>();
        chitchat::server::Deliveries out;
        chat_.connect(peer, sid, version, out);
        deliver(out);
        return peer;
    }
    void handle(const std::shared_ptr<FakePeer>& peer, const chitchat::proto::ClientMessage& m) {
        chitchat::server::Deliveries out;
        chat_.handle(peer.get(), m, now, out);
        deliver(out);
    }
    void disconnect(const std::shared_ptr<FakePeer>& peer) { chat_.disconnect(peer.get()); }

private:
    static void deliver(const chitchat::server::Deliveries& out) {
        for (const auto& d : out)
            for (const auto& p : d.to) p->deliver(d.message);
    }
    chitchat::server::Chat& chat_;
};

}  // namespace test
