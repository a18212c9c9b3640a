#include <catch2/catch.hpp>

#include "chitchat/protocol.hpp"

using namespace chitchat;
using namespace chitchat::proto;

namespace {

Message sample_message() {
    Message m;
    m.id = 7;
    m.channel = "café";
    m.sender = "Zoë";
    m.body = "Привет \"world\"\n🙂";
    m.ts = 1764151200123;
    m.client_id = "c-1";
    m.attachment = Attachment{"0123456789abcdef0123456789abcdef", "/uploads/0123456789abcdef0123456789abcdef/cat.png",
                              "cat.png", 1234, "image/png"};
    return m;
}

template <class T>
void round_trips_client(const T& value) {
    const auto decoded = decode_client(encode(ClientMessage{value}));
    REQUIRE(decoded.ok());
    REQUIRE(std::holds_alternative<T>(*decoded));
    CHECK(std::get<T>(*decoded) == value);
}

template <class T>
void round_trips_server(const T& value) {
    const auto decoded = decode_server(encode(ServerMessage{value}));
    REQUIRE(decoded.ok());
    REQUIRE(std::holds_alternative<T>(*decoded));
    CHECK(std::get<T>(*decoded) == value);
}

ErrorReply client_error(std::string_view frame) {
    const auto decoded = decode_client(frame);
    REQUIRE_FALSE(decoded.ok());
    return decoded.error();
}

}  // namespace

TEST_CASE("every client message round-trips") {
    round_trips_client(SetName{"Zoë"});
    round_trips_client(CreateChannel{"café"});
    round_trips_client(Join{"General Talk", std::nullopt});
    round_trips_client(Join{"General Talk", 42});
    round_trips_client(Send{"café", "hi", "abc", std::nullopt});
    round_trips_client(Send{"café", "", "abc", std::string("0123456789abcdef0123456789abcdef")});
    round_trips_client(Ping{1764151200123});
    round_trips_client(Ping{0.5});
}

TEST_CASE("every server message round-trips") {
    round_trips_server(Welcome{1, std::nullopt, {{"General Talk", 0}}, "General Talk", 1, std::nullopt});
    round_trips_server(Welcome{1, User{"Иван"}, {{"General Talk", 3}, {"café", 9}}, "café", 2, 10485760});
    round_trips_server(Session{User{"Zoë"}});
    round_trips_server(Joined{"café", {sample_message()}, 3});
    Message plain = sample_message();
    plain.client_id.reset();
    plain.attachment.reset();
    round_trips_server(NewMessage{plain});
    round_trips_server(NewMessage{sample_message()});
    round_trips_server(Channels{{{"General Talk", 1}, {"café", 0}}});
    round_trips_server(Online{12});
    round_trips_server(Pong{1764151200123});
    round_trips_server(ErrorReply{ErrorCode::channel_exists, "taken", std::string("create_channel"), std::nullopt});
    round_trips_server(ErrorReply{ErrorCode::rate_limited, "slow down", std::string("send"), std::string("c-9")});
}

TEST_CASE("wire format matches the contract") {
    CHECK(encode(ClientMessage{Ping{1764151200123}}) == R"({"t":1764151200123,"type":"ping"})");
    CHECK(encode(ServerMessage{Online{2}}) == R"({"count":2,"type":"online"})");
    CHECK(encode(ServerMessage{Welcome{1, std::nullopt, {}, "General Talk", 0, std::nullopt}}) ==
          R"({"channel":"General Talk","channels":[],"online":0,"protocol":1,"type":"welcome","user":null})");
    Message m = sample_message();
    m.client_id.reset();
    m.attachment.reset();
    CHECK(encode(ServerMessage{NewMessage{m}}) ==
          R"({"message":{"body":"Привет \"world\"\n🙂","channel":"café","id":7,"sender":"Zoë","ts":1764151200123},"type":"message"})");
}

TEST_CASE("unknown fields are ignored, null optionals are absent") {
    const auto d = decode_client(R"({"type":"join","channel":"x","after":null,"extra":[1,2]})");
    REQUIRE(d.ok());
    CHECK(std::get<Join>(*d) == Join{"x", std::nullopt});
    const auto s = decode_client(R"({"type":"send","channel":"x","body":"b","client_id":"c","attachment_id":null})");
    REQUIRE(s.ok());
    CHECK_FALSE(std::get<Send>(*s).attachment_id);
}

TEST_CASE("malformed frames give typed errors, never a crash") {
    SECTION("not JSON") {
        for (std::string_view bad : {"", "{", "nope", "{\"type\":\"ping\",}", "[1,2"}) {
            const auto e = client_error(bad);
            CHECK(e.code == ErrorCode::bad_request);
            CHECK_FALSE(e.ref);
        }
    }
    SECTION("not an object with a string type") {
        for (std::string_view bad : {"[]", "42", "\"ping\"", "null", "{}", R"({"type":7})", R"({"type":null})"})
            CHECK(client_error(bad).code == ErrorCode::bad_request);
    }
    SECTION("unknown type names itself in ref") {
        const auto e = client_error(R"({"type":"dance"})");
        CHECK(e.code == ErrorCode::unknown_type);
        CHECK(e.ref == std::optional<std::string>("dance"));
    }
    SECTION("missing fields") {
        const auto e = client_error(R"({"type":"set_name"})");
        CHECK(e.code == ErrorCode::bad_request);
        CHECK(e.ref == std::optional<std::string>("set_name"));
        CHECK(e.message.find("name") != std::string::npos);
        CHECK(client_error(R"({"type":"send","channel":"x","client_id":"c"})").code == ErrorCode::bad_request);
        CHECK(client_error(R"({"type":"ping"})").code == ErrorCode::bad_request);
    }
    SECTION("wrong field types") {
        for (std::string_view bad : {R"({"type":"set_name","name":5})", R"({"type":"join","channel":["x"]})",
                                     R"({"type":"join","channel":"x","after":-1})",
                                     R"({"type":"join","channel":"x","after":1.5})",
                                     R"({"type":"join","channel":"x","after":"3"})",
                                     R"({"type":"ping","t":"now"})",
                                     R"({"type":"create_channel","name":{}})"})
            CHECK(client_error(bad).code == ErrorCode::bad_request);
    }
    SECTION("a failed send echoes its client_id") {
        const auto e = client_error(R"({"type":"send","channel":"x","body":7,"client_id":"c-1"})");
        CHECK(e.code == ErrorCode::bad_request);
        CHECK(e.ref == std::optional<std::string>("send"));
        CHECK(e.client_id == std::optional<std::string>("c-1"));
    }
    SECTION("client_id must be 1 to 64 characters") {
        CHECK(client_error(R"({"type":"send","channel":"x","body":"b","client_id":""})").code == ErrorCode::bad_request);
        const std::string long_id(65, 'a');
        const auto e = client_error(R"({"type":"send","channel":"x","body":"b","client_id":")" + long_id + "\"}");
        CHECK(e.code == ErrorCode::bad_request);
        CHECK_FALSE(e.client_id);
        const std::string ok_id(64, 'a');
        CHECK(decode_client(R"({"type":"send","channel":"x","body":"b","client_id":")" + ok_id + "\"}").ok());
    }
    SECTION("invalid UTF-8 and lone surrogates are refused by the parser") {
        CHECK(client_error("{\"type\":\"set_name\",\"name\":\"\xC3\x28\"}").code == ErrorCode::bad_request);
        CHECK(client_error(R"({"type":"set_name","name":"\ud800"})").code == ErrorCode::bad_request);
    }
    SECTION("a 1 MiB string decodes; validation is the next step") {
        const std::string big(1 << 20, 'x');
        const auto d = decode_client(R"({"type":"set_name","name":")" + big + "\"}");
        REQUIRE(d.ok());
        CHECK(std::get<SetName>(*d).name.size() == big.size());
        const auto e = client_error(R"({"type":")" + big + "\"}");
        CHECK(e.code == ErrorCode::unknown_type);
        CHECK(e.ref->size() == 64);
    }
    SECTION("deep nesting") {
        const std::string deep = std::string(30000, '[') + std::string(30000, ']');
        CHECK(client_error(deep).code == ErrorCode::bad_request);
    }
    SECTION("server messages too") {
        CHECK_FALSE(decode_server("{").ok());
        CHECK_FALSE(decode_server(R"({"type":"online","count":"2"})").ok());
        CHECK_FALSE(decode_server(R"({"type":"joined","channel":"x","messages":[{"id":1}],"gap":0})").ok());
        CHECK(decode_server(R"({"type":"zzz"})").error().code == ErrorCode::unknown_type);
    }
}
