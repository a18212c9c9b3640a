// Internal to shared/: the JSON forms of the value types, and checked reading of fields.
// Only protocol_json.cpp and records_json.cpp include this; nothing else sees nlohmann::json.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "chitchat/errors.hpp"
#include "chitchat/types.hpp"

namespace chitchat::json_values {

using json = nlohmann::json;

// Each `read` stores the value and returns true, or returns false on a wrong shape.
bool read(const json& j, std::string& out);
bool read(const json& j, std::uint64_t& out);  // non-negative integers only
bool read(const json& j, std::int64_t& out);
bool read(const json& j, int& out);
bool read(const json& j, double& out);         // finite numbers
bool read(const json& j, ErrorCode& out);      // any string: a code this side does not know reads as bad_request
bool read(const json& j, User& out);
bool read(const json& j, ChannelInfo& out);
bool read(const json& j, Attachment& out);
bool read(const json& j, Message& out);
bool read(const json& j, ReplyTo& out);
bool read(const json& j, Reaction& out);
bool read(const json& j, DmInfo& out);
bool read(const json& j, std::vector<ReadMarker>& out);  // an object {channel: id, ...}
bool read(const json& j, bool& out);
template <class T>
bool read(const json& j, std::vector<T>& out);

// The fields of one JSON object; remembers the first one that is missing or mistyped.
class Fields {
public:
    explicit Fields(const json& j) : j_(j), ok_(j.is_object()) {}

    template <class T>
    Fields& req(const char* key, T& out) {
        if (!ok_) return *this;
        const auto it = j_.find(key);
        if (it == j_.end() || !read(*it, out)) fail(key);
        return *this;
    }
    template <class T>
    Fields& opt(const char* key, std::optional<T>& out) {  // absent or null: empty
        if (!ok_) return *this;
        const auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) {
            out.reset();
            return *this;
        }
        T value{};
        if (!read(*it, value)) return fail(key);
        out = std::move(value);
        return *this;
    }
    bool ok() const { return ok_; }
    const std::string& problem() const { return problem_; }

private:
    Fields& fail(const char* key) {
        ok_ = false;
        problem_ = key;
        return *this;
    }
    const json& j_;
    bool ok_;
    std::string problem_;
};

template <class T>
bool read(const json& j, std::vector<T>& out) {
    if (!j.is_array()) return false;
    out.clear();
    out.reserve(j.size());
    for (const auto& item : j) {
        T value{};
        if (!read(item, value)) return false;
        out.push_back(std::move(value));
    }
    return true;
}

json to_json(const User& u);
json to_json(const ChannelInfo& c);
json to_json(const Attachment& a);
json to_json(const Message& m);
json to_json(const ReplyTo& r);
json to_json(const Reaction& r);
json to_json(const DmInfo& d);
json to_json(const std::vector<ReadMarker>& markers);
template <class T>
json to_json(const std::vector<T>& items) {
    json j = json::array();
    for (const auto& item : items) j.push_back(to_json(item));
    return j;
}

// Parses one JSON text without throwing: a discarded value on malformed input.
json parse(std::string_view text);
// Compact JSON; invalid UTF-8 (never produced by us) is replaced rather than thrown on.
std::string dump(const json& j);

}  // namespace chitchat::json_values
