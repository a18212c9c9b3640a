// The hub around the chat: what several threads handling connections at once may rely on.
#include <catch2/catch.hpp>

#include <chrono>
#include <mutex>
#include <thread>

#include "hub.hpp"
#include "support/fake_peer.hpp"

using namespace chitchat::server;
using namespace chitchat::proto;
using namespace std::chrono_literals;

namespace {

// A connection that takes its time over a `joined`, as a busy strand might.
struct SlowJoinPeer : Peer {
    std::mutex mutex;
    std::vector<std::string> types;
    void deliver(const Frame& frame) override {
        const auto decoded = decode_server(*frame);
        const bool joined = decoded && std::holds_alternative<Joined>(*decoded);
        if (joined) std::this_thread::sleep_for(150ms);
        const std::lock_guard lock(mutex);
        types.push_back(joined ? "joined" : std::holds_alternative<NewMessage>(*decoded) ? "message" : "other");
    }
    void go_away() override {}
};

}  // namespace

// Found by the chaos soak: with frames delivered after the lock was released, a message posted
// while a `joined` was on its way could overtake it, and a client that then dropped asked to
// catch up from past what it had missed.
TEST_CASE("frames reach each connection in the order the chat made them") {
    NoStorage storage;
    test::FakeUploads uploads;
    Chat chat(storage, uploads, ChatOptions{{0, 1000}, 1000});
    Hub hub(chat);
    auto sender = std::make_shared<test::FakePeer>();
    auto joiner = std::make_shared<SlowJoinPeer>();
    hub.connect(sender, std::string(32, 'a'));
    hub.connect(joiner, std::string(32, 'b'));
    hub.receive(sender.get(), encode(ClientMessage{SetName{"Zoë"}}));
    hub.receive(sender.get(), encode(ClientMessage{Join{"General Talk", std::nullopt}}));
    hub.receive(joiner.get(), encode(ClientMessage{SetName{"Иван"}}));

    std::thread join([&] { hub.receive(joiner.get(), encode(ClientMessage{Join{"General Talk", std::nullopt}})); });
    std::this_thread::sleep_for(50ms);  // the join is being delivered, slowly
    hub.receive(sender.get(), encode(ClientMessage{Send{"General Talk", "after the join", "c1", std::nullopt}}));
    join.join();

    const std::lock_guard lock(joiner->mutex);
    const auto joined = std::find(joiner->types.begin(), joiner->types.end(), "joined");
    const auto message = std::find(joiner->types.begin(), joiner->types.end(), "message");
    REQUIRE(joined != joiner->types.end());
    REQUIRE(message != joiner->types.end());
    CHECK(joined < message);
}
