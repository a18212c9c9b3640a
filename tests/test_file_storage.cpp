// The data folder: what a restart (or a kill -9) keeps.
#include <catch2/catch.hpp>
#include <fstream>

#include "chat/chat.hpp"
#include "store/file_storage.hpp"
#include "support/fake_peer.hpp"
#include "support/temp_dir.hpp"

using namespace chitchat;
using namespace chitchat::server;
using namespace chitchat::proto;
using test::FakePeer;

namespace {

const std::string sid_a(32, 'a');

struct Run : test::ChatDriver {
    FileStorage storage;
    test::FakeUploads uploads;
    Chat chat;
    explicit Run(const std::filesystem::path& dir)
        : ChatDriver(chat), storage(dir), chat(storage, uploads, ChatOptions{{0, 1000}, 100}) {}

    // Zoë, named and in General Talk.
    std::shared_ptr<FakePeer> zoe_in_general() {
        auto a = connect(sid_a);
        handle(a, SetName{"Zoë"});
        handle(a, Join{"General Talk", std::nullopt});
        return a;
    }
};

}  // namespace

TEST_CASE("names, channels, messages and the last channel survive a restart") {
    test::TempDir dir;
    {
        Run run(dir.path());
        auto a = run.connect(sid_a);
        run.handle(a, SetName{"Zoë"});
        run.handle(a, CreateChannel{"café"});
        for (int i = 1; i <= 3; ++i) run.handle(a, Send{"café", "m" + std::to_string(i), "c" + std::to_string(i), {}});
        a->take();
    }  // no clean shutdown: like a kill -9, nothing but what was written counts
    Run run(dir.path());
    auto a = run.connect(sid_a);
    const auto welcome = a->only<Welcome>();
    REQUIRE(welcome);
    CHECK(welcome->user == std::optional<User>(User{"Zoë"}));
    CHECK(welcome->channel == "café");
    CHECK(welcome->channels == std::vector<ChannelInfo>{{"General Talk", 0}, {"café", 3}});
    run.handle(a, Join{"café", std::nullopt});
    const auto joined = a->only<Joined>();
    REQUIRE(joined->messages.size() == 3);
    CHECK(joined->messages[2].body == "m3");
    CHECK(joined->messages[2].sender == "Zoë");
    CHECK_FALSE(joined->messages[2].client_id);

    SECTION("a resend after the restart is still recognised") {
        run.handle(a, Send{"café", "m2", "c2", {}});
        const auto m = a->only<NewMessage>();
        REQUIRE(m);
        CHECK(m->message.id == 2);
        CHECK(m->message.client_id == std::optional<std::string>("c2"));
    }
    SECTION("ids go on from the last one") {
        run.handle(a, Send{"café", "m4", "c4", {}});
        CHECK(a->only<NewMessage>()->message.id == 4);
    }
}

TEST_CASE("a channel log stays bounded, keeps the newest 100, and remembers client ids past them") {
    test::TempDir dir;
    {
        Run run(dir.path());
        auto a = run.zoe_in_general();
        for (int i = 1; i <= 3000; ++i) run.handle(a, Send{"General Talk", std::string(100, 'x'), std::to_string(i), {}});
    }
    const auto log = dir.path() / "channels" / "0.log";
    CHECK(std::filesystem::file_size(log) < 1100 * 300);  // compacted: 3000 lines would be ~750 KB
    Run run(dir.path());
    auto a = run.connect(sid_a);
    run.handle(a, Join{"General Talk", 0});
    const auto joined = a->only<Joined>();
    REQUIRE(joined->messages.size() == 100);
    CHECK(joined->messages.front().id == 2901);
    CHECK(joined->messages.back().id == 3000);
    CHECK(joined->gap == 2900);
    // A resend of a message past the retained 100, but among the last 256 logged: answered with it.
    run.handle(a, Send{"General Talk", std::string(100, 'x'), "2800", {}});
    const auto resent = a->only<NewMessage>();
    REQUIRE(resent);
    CHECK(resent->message.id == 2800);
    CHECK(resent->message.client_id == std::optional<std::string>("2800"));
}

TEST_CASE("a torn last line (a crash mid-write) is skipped") {
    test::TempDir dir;
    {
        Run run(dir.path());
        auto a = run.zoe_in_general();
        run.handle(a, Send{"General Talk", "kept", "k", {}});
    }
    std::ofstream(dir.path() / "channels" / "0.log", std::ios::app) << R"({"owner":"x","message":{"id":2,"chan)";
    Run run(dir.path());
    auto a = run.connect(sid_a);
    run.handle(a, Join{"General Talk", std::nullopt});
    REQUIRE(a->only<Joined>()->messages.size() == 1);
    run.handle(a, Send{"General Talk", "next", "n", {}});
    CHECK(a->only<NewMessage>()->message.id == 2);
}

TEST_CASE("anonymous visitors leave nothing behind") {
    test::TempDir dir;
    {
        Run run(dir.path());
        auto a = run.connect(sid_a);
        run.disconnect(a);
    }
    CHECK(std::filesystem::is_empty(dir.path() / "sessions"));
}
