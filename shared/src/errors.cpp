#include "chitchat/errors.hpp"

#include <iterator>

namespace chitchat {
namespace {

// Indexed by the enum's value: both come from CHITCHAT_ERROR_CODES, in one order.
constexpr std::string_view names[] = {
#define CHITCHAT_NAME_ENTRY(name) #name,
    CHITCHAT_ERROR_CODES(CHITCHAT_NAME_ENTRY)
#undef CHITCHAT_NAME_ENTRY
};

}  // namespace

std::string_view to_string(ErrorCode code) {
    const auto i = static_cast<std::size_t>(code);
    return i < std::size(names) ? names[i] : "bad_request";
}

std::optional<ErrorCode> error_code_from(std::string_view text) {
    for (std::size_t i = 0; i < std::size(names); ++i)
        if (names[i] == text) return static_cast<ErrorCode>(i);
    return std::nullopt;
}

}  // namespace chitchat
