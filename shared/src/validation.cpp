#include "chitchat/validation.hpp"

#include "chitchat/emoji.hpp"
#include "chitchat/limits.hpp"
#include "chitchat/text.hpp"

namespace chitchat {
namespace {

// The checks names and channel names share; `what` names the thing in the message.
std::optional<std::string> check_label(std::string_view s, std::size_t max, const char* what) {
    if (!text::is_valid_utf8(s)) return std::string(what) + " must be valid UTF-8";
    if (s.empty()) return std::string(what) + " must not be empty";
    if (text::has_control_chars(s)) return std::string(what) + " must not contain control characters";
    if (text::count_chars(s) > max)
        return std::string(what) + " must be at most " + std::to_string(max) + " characters";
    return std::nullopt;
}

}  // namespace

Result<std::string, Error> validate_display_name(std::string_view raw) {
    const std::string_view name = text::trim(raw);
    if (auto problem = check_label(name, limits::name_chars, "a display name"))
        return Failure{Error{ErrorCode::invalid_name, *problem}};
    return std::string(name);
}

Result<std::string, Error> validate_channel_name(std::string_view raw) {
    if (!text::is_valid_utf8(raw))
        return Failure{Error{ErrorCode::invalid_channel_name, "a channel name must be valid UTF-8"}};
    std::string name = text::collapse_spaces(raw);
    if (auto problem = check_label(name, limits::channel_chars, "a channel name"))
        return Failure{Error{ErrorCode::invalid_channel_name, *problem}};
    return name;
}

std::string channel_key(std::string_view name) { return text::fold_case(text::collapse_spaces(name)); }

Result<std::string, Error> validate_body(std::string_view raw, bool has_attachment) {
    if (!text::is_valid_utf8(raw))
        return Failure{Error{ErrorCode::invalid_body, "a message must be valid UTF-8"}};
    if (text::count_chars(raw) > limits::body_chars)
        return Failure{Error{ErrorCode::invalid_body,
                             "a message must be at most " + std::to_string(limits::body_chars) + " characters"}};
    if (text::is_blank(raw)) {
        if (has_attachment) return std::string();
        return Failure{Error{ErrorCode::invalid_body, "a message must not be empty"}};
    }
    return std::string(raw);
}

Result<std::string, Error> validate_emoji(std::string_view raw) {
    if (!text::is_valid_utf8(raw) || raw.empty() || text::count_chars(raw) > limits::emoji_code_points ||
        !emoji::is_one_emoji(raw))
        return Failure{Error{ErrorCode::invalid_emoji, "a reaction is one emoji (at most " +
                                                           std::to_string(limits::emoji_code_points) + " code points)"}};
    return std::string(raw);
}

}  // namespace chitchat
