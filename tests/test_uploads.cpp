// Uploads: the multipart parser, what is allowed, and the names kept for display.
#include <catch2/catch.hpp>

#include "http/multipart.hpp"
#include "http/upload_types.hpp"

using namespace chitchat::server;

namespace {
const std::string png_magic("\x89PNG\r\n\x1A\n", 8);
}

TEST_CASE("multipart boundaries") {
    CHECK(multipart::boundary_of("multipart/form-data; boundary=----abc") == "----abc");
    CHECK(multipart::boundary_of("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b");
    CHECK_FALSE(multipart::boundary_of("application/json"));
    CHECK_FALSE(multipart::boundary_of("multipart/form-data"));
    CHECK_FALSE(multipart::boundary_of("multipart/form-data; boundary="));
}

TEST_CASE("multipart bodies") {
    const std::string body =
        "preamble\r\n--XyZ\r\n"
        "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
        "hello\r\n--XyZ\r\n"
        "Content-Disposition: form-data; name=\"file\"; filename=\"caf\xC3\xA9 \\\"1\\\".png\"\r\n"
        "Content-Type: image/png\r\n\r\n" +
        png_magic + "\r\n--data\r\n--XyZ--\r\n";
    const auto parts = multipart::parse(body, "XyZ");
    REQUIRE(parts.ok());
    REQUIRE(parts->size() == 2);
    CHECK((*parts)[0].name == "note");
    CHECK_FALSE((*parts)[0].filename);
    CHECK((*parts)[0].content == "hello");
    CHECK((*parts)[1].name == "file");
    CHECK((*parts)[1].filename == std::optional<std::string>("café \"1\".png"));
    CHECK((*parts)[1].content == png_magic + "\r\n--data");

    SECTION("RFC 5987 file names win") {
        const std::string b = "--B\r\nContent-Disposition: form-data; name=file; filename=\"x.txt\"; "
                              "filename*=UTF-8''%D0%98%D0%B2%D0%B0%D0%BD.txt\r\n\r\nhi\r\n--B--";
        const auto p = multipart::parse(b, "B");
        REQUIRE(p.ok());
        CHECK((*p)[0].filename == std::optional<std::string>("Иван.txt"));
    }
    SECTION("malformed bodies are errors") {
        for (std::string bad : {std::string(""), std::string("--B"), std::string("--B\r\nno header end"),
                                std::string("--B\r\nContent-Disposition: form-data; name=a\r\n\r\nnever closed"),
                                std::string("--B\r\nX-Other: 1\r\n\r\nx\r\n--B--"),
                                std::string("--B\r\nbroken header\r\n\r\nx\r\n--B--"), std::string("x--B\r\n")}) {
            INFO(bad);
            CHECK_FALSE(multipart::parse(bad, "B").ok());
        }
    }
}

TEST_CASE("allowed types, by extension and by content") {
    CHECK(uploads::type_for("a.PNG")->mime == "image/png");
    CHECK(uploads::type_for("a.jpeg")->mime == "image/jpeg");
    CHECK(uploads::type_for("a.jpg")->mime == "image/jpeg");
    CHECK(uploads::type_for("a.gif")->mime == "image/gif");
    CHECK(uploads::type_for("a.pdf")->mime == "application/pdf");
    CHECK(uploads::type_for("a.txt")->mime == "text/plain");
    CHECK_FALSE(uploads::type_for("a.html"));
    CHECK_FALSE(uploads::type_for("a.svg"));
    CHECK_FALSE(uploads::type_for("png"));

    CHECK(uploads::content_matches(*uploads::type_for("a.png"), png_magic + "rest"));
    CHECK_FALSE(uploads::content_matches(*uploads::type_for("a.png"), "<html><script>alert(1)</script>"));
    CHECK(uploads::content_matches(*uploads::type_for("a.jpg"), "\xFF\xD8\xFF\xE0"));
    CHECK(uploads::content_matches(*uploads::type_for("a.gif"), "GIF89a..."));
    CHECK_FALSE(uploads::content_matches(*uploads::type_for("a.gif"), "GIF90a"));
    CHECK(uploads::content_matches(*uploads::type_for("a.pdf"), "%PDF-1.7"));
    CHECK(uploads::content_matches(*uploads::type_for("a.txt"), "Привет"));
    CHECK_FALSE(uploads::content_matches(*uploads::type_for("a.txt"), "\xFF\xFE"));
}

TEST_CASE("file names are made safe for display") {
    CHECK(uploads::sanitize_name("cat.png") == "cat.png");
    CHECK(uploads::sanitize_name("../../x.png") == "x.png");
    CHECK(uploads::sanitize_name("/etc/passwd") == "passwd");
    CHECK(uploads::sanitize_name("C:\\Users\\me\\photo.jpg") == "photo.jpg");
    CHECK(uploads::sanitize_name(std::string("a\0b.txt", 7)) == "ab.txt");
    CHECK(uploads::sanitize_name("..png") == "png");
    CHECK(uploads::sanitize_name("evil\xE2\x80\xAEgnp.txt") == "evilgnp.txt");  // right-to-left override
    CHECK(uploads::sanitize_name("a<b>:\"c\"|?*.txt") == "abc.txt");
    CHECK(uploads::sanitize_name("") == "file");
    CHECK(uploads::sanitize_name("...") == "file");
    CHECK(uploads::sanitize_name(".txt") == "txt");
    CHECK(uploads::sanitize_name("\xFF\xFE.txt") == "\xEF\xBF\xBD\xEF\xBF\xBD.txt");  // valid UTF-8 out
    const std::string long_name = uploads::sanitize_name(std::string(500, 'a') + ".png");
    CHECK(long_name.size() == 100);
    CHECK(long_name.ends_with(".png"));
    CHECK(uploads::sanitize_name("photo\xE2\x88\x95..\xE2\x88\x95x.png") == "photo\xE2\x88\x95..\xE2\x88\x95x.png");  // look-alike slashes stay text
}
