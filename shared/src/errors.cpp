#include "chitchat/errors.hpp"

#include <array>
#include <utility>

namespace chitchat {
namespace {

constexpr std::array<std::pair<ErrorCode, std::string_view>, 12> names{{
    {ErrorCode::bad_request, "bad_request"},
    {ErrorCode::unknown_type, "unknown_type"},
    {ErrorCode::name_required, "name_required"},
    {ErrorCode::invalid_name, "invalid_name"},
    {ErrorCode::invalid_channel_name, "invalid_channel_name"},
    {ErrorCode::channel_exists, "channel_exists"},
    {ErrorCode::no_such_channel, "no_such_channel"},
    {ErrorCode::not_in_channel, "not_in_channel"},
    {ErrorCode::invalid_body, "invalid_body"},
    {ErrorCode::no_such_upload, "no_such_upload"},
    {ErrorCode::rate_limited, "rate_limited"},
    {ErrorCode::too_large, "too_large"},
}};

}  // namespace

std::string_view to_string(ErrorCode code) {
    for (const auto& [c, name] : names)
        if (c == code) return name;
    return "bad_request";
}

std::optional<ErrorCode> error_code_from(std::string_view text) {
    for (const auto& [c, name] : names)
        if (name == text) return c;
    return std::nullopt;
}

}  // namespace chitchat
