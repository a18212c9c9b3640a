// The chat behind a hub over a real store in a temporary folder, committing and reading at
// once, as the chat's tests need; restart() opens it all again from the database.
#pragma once
#include <memory>
#include <string>

#include "chat/hub.hpp"
#include "store/sqlite_storage.hpp"
#include "support/fake_peer.hpp"
#include "support/temp_dir.hpp"

namespace test {

struct World {
    TempDir dir;
    chitchat::server::ChatOptions options{{0, 1000}, 1000};
    std::unique_ptr<chitchat::server::SqliteStorage> storage = open();
    FakeUploads uploads;
    std::unique_ptr<chitchat::server::Chat> chat = std::make_unique<chitchat::server::Chat>(*storage, uploads, options);
    std::unique_ptr<chitchat::server::Hub> hub = std::make_unique<chitchat::server::Hub>(*chat, *storage);

    std::unique_ptr<chitchat::server::SqliteStorage> open() {
        return std::make_unique<chitchat::server::SqliteStorage>(dir.path() / "chitchat.db");
    }
    std::shared_ptr<FakePeer> connect(char sid, int version) {
        auto peer = std::make_shared<FakePeer>();
        hub->connect(peer, std::string(32, sid), version);
        return peer;
    }
    // A connection of session `sid` named `name`, in General Talk, its frames so far taken.
    std::shared_ptr<FakePeer> named(char sid, const std::string& name, int version) {
        auto peer = connect(sid, version);
        ask(peer, chitchat::proto::SetName{name});
        ask(peer, chitchat::proto::Join{"General Talk", std::nullopt});
        peer->take();
        return peer;
    }
    void ask(const std::shared_ptr<FakePeer>& peer, const chitchat::proto::ClientMessage& m) {
        hub->receive(peer.get(), chitchat::proto::encode(m));
    }
    void restart() {
        hub.reset();
        chat.reset();
        storage = open();
        chat = std::make_unique<chitchat::server::Chat>(*storage, uploads, options);
        hub = std::make_unique<chitchat::server::Hub>(*chat, *storage);
    }
};

}  // namespace test
