// What a restart keeps, with the real binary: after kill -9 every acknowledged message is there,
// and SIGTERM closes WebSockets with 1001 and exits 0.
#include <catch2/catch.hpp>

#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/ws_client.hpp"

using namespace chitchat;
using namespace chitchat::proto;
using namespace std::chrono_literals;
using test::WsClient;

TEST_CASE("kill -9 loses nothing that was acknowledged") {
    test::TempDir dir;
    std::string cookie;
    std::vector<Message> acknowledged;
    {
        test::ServerProcess server(dir.path(), {"--rate-limit", "0"});
        WsClient c(server.port);
        cookie = c.cookie();
        REQUIRE(c.expect<Welcome>());
        c.send(SetName{"Zoë"});
        REQUIRE(c.expect<Session>());
        c.send(CreateChannel{"café"});
        REQUIRE(c.expect<Joined>());
        for (int i = 1; i <= 150; ++i) {
            c.send(Send{"café", "message " + std::to_string(i), "c" + std::to_string(i), std::nullopt});
            const auto ack = c.expect<NewMessage>();
            REQUIRE(ack);
            acknowledged.push_back(ack->message);
        }
        CHECK(server.stop(SIGKILL) == -SIGKILL);
    }
    test::ServerProcess server(dir.path());
    WsClient c(server.port, [&] {
        WsClient::Options o;
        o.cookie = cookie;
        return o;
    }());
    const auto welcome = c.expect<Welcome>();
    REQUIRE(welcome);
    CHECK(welcome->user == std::optional<User>(User{"Zoë"}));
    CHECK(welcome->channel == "café");
    c.send(Join{"café", 0});
    const auto joined = c.expect<Joined>();
    REQUIRE(joined);
    REQUIRE(joined->messages.size() == 100);
    CHECK(joined->gap == 50);
    for (std::size_t i = 0; i < 100; ++i) {
        Message expected = acknowledged[50 + i];
        expected.client_id.reset();
        CHECK(joined->messages[i] == expected);
    }
    // A client that missed its last acknowledgement resends: it gets the original back.
    c.send(Send{"café", "message 150", "c150", std::nullopt});
    CHECK(c.expect<NewMessage>()->message == acknowledged.back());
}

TEST_CASE("SIGTERM closes WebSockets with 1001 and exits 0") {
    test::TempDir dir;
    test::ServerProcess server(dir.path());
    WsClient c(server.port);
    REQUIRE(c.expect<Welcome>());
    std::thread stopper([&] { CHECK(server.stop(SIGTERM) == 0); });
    CHECK_FALSE(c.next(5s));
    stopper.join();
    CHECK(c.close_code() == std::optional<unsigned>(1001));
}

TEST_CASE("a bad flag is refused with exit code 2") {
    test::TempDir dir;
    CHECK_THROWS_WITH(test::ServerProcess(dir.path(), {"--port", "99999"}),
                      Catch::Contains("--port: expected a port from 0 to 65535"));
}
