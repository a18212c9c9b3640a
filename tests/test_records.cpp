#include <catch2/catch.hpp>

#include "chitchat/records.hpp"

using namespace chitchat;
using namespace chitchat::records;

TEST_CASE("data-folder records round-trip") {
    const Session s{"0123456789abcdef0123456789abcdef", std::string("Zoë"), "café"};
    CHECK(decode_session(encode(s)).value() == s);
    const Session anonymous{"0123456789abcdef0123456789abcdef", std::nullopt, "General Talk"};
    CHECK(decode_session(encode(anonymous)).value() == anonymous);

    const Channel c{3, "café"};
    CHECK(decode_channel(encode(c)).value() == c);

    Message m;
    m.id = 9;
    m.channel = "café";
    m.sender = "Иван";
    m.body = "line\nbreak";
    m.ts = 1764151200123;
    m.client_id = "c1";
    m.attachment = Attachment{"ab", "/uploads/ab/x.txt", "x.txt", 3, "text/plain"};
    const Posted p{m, "0123456789abcdef0123456789abcdef"};
    const std::string line = encode(p);
    CHECK(line.find('\n') == std::string::npos);  // one record, one line
    CHECK(decode_posted(line).value() == p);

    const Upload u{*m.attachment, "owner"};
    CHECK(decode_upload(encode(u)).value() == u);
}

TEST_CASE("torn or foreign lines are refused, not crashed on") {
    CHECK_FALSE(decode_posted(R"({"owner":"x","message":{"id":1,"chan)").ok());
    CHECK_FALSE(decode_posted("").ok());
    CHECK_FALSE(decode_channel(R"({"seq":-1,"channel":"x"})").ok());
    CHECK_FALSE(decode_session(R"({"sid":5,"channel":"x"})").ok());
    CHECK_FALSE(decode_upload("[]").ok());
}
