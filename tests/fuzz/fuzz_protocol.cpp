// libFuzzer: any bytes through every decoder of the shared library give a value or an error,
// and whatever decodes encodes again and decodes to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "chitchat/emoji.hpp"
#include "chitchat/protocol.hpp"
#include "chitchat/records.hpp"
#include "chitchat/validation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace chitchat;
    if (auto m = proto::decode_client(text)) {
        const auto again = proto::decode_client(proto::encode(*m));
        if (!again || !(*again == *m)) std::abort();
    }
    if (auto m = proto::decode_server(text)) {
        const auto again = proto::decode_server(proto::encode(*m));
        if (!again || proto::encode(*again) != proto::encode(*m)) std::abort();
    }
    (void)proto::decode_upload(text);
    (void)proto::decode_http_error(text);
    (void)records::decode_posted(text);
    (void)records::decode_session(text);
    if (auto name = validate_display_name(text); name && validate_display_name(*name).value() != *name) std::abort();
    if (auto name = validate_channel_name(text); name && channel_key(*name) != channel_key(text)) std::abort();
    (void)validate_body(text, size % 2 == 0);
    (void)records::decode_reactions(text);
    if (auto e = validate_emoji(text); e && !emoji::is_one_emoji(*e)) std::abort();
    return 0;
}
