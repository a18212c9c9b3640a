// The error codes of protocol version 1, shared by `error` frames and HTTP error bodies.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace chitchat {

enum class ErrorCode {
    bad_request,
    unknown_type,
    name_required,
    invalid_name,
    invalid_channel_name,
    channel_exists,
    no_such_channel,
    not_in_channel,
    invalid_body,
    no_such_upload,
    rate_limited,
    too_large,
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
