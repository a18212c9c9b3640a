// The error codes of the protocol, shared by `error` frames and HTTP error bodies.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace chitchat {

// Every code, once: the enum and its wire names are both made from this list.
#define CHITCHAT_ERROR_CODES(X) \
    X(bad_request)              \
    X(unknown_type)             \
    X(name_required)            \
    X(invalid_name)             \
    X(invalid_channel_name)     \
    X(channel_exists)           \
    X(no_such_channel)          \
    X(not_in_channel)           \
    X(invalid_body)             \
    X(no_such_upload)           \
    X(rate_limited)             \
    X(too_large)                \
    X(server_error)             \
    X(forbidden)                \
    X(no_such_message)          \
    X(no_such_user)             \
    X(invalid_emoji)

enum class ErrorCode {
#define CHITCHAT_ENUM_ENTRY(name) name,
    CHITCHAT_ERROR_CODES(CHITCHAT_ENUM_ENTRY)
#undef CHITCHAT_ENUM_ENTRY
};

std::string_view to_string(ErrorCode code);
std::optional<ErrorCode> error_code_from(std::string_view text);

// A failed request or a failed validation: a code and a sentence for people.
struct Error {
    ErrorCode code = ErrorCode::bad_request;
    std::string message;
    bool operator==(const Error&) const = default;
};

}  // namespace chitchat
