#include "json_values.hpp"

#include <cmath>
#include <cstdint>

namespace chitchat::json_values {

// ---------------------------------------------------------------- reading values

bool read(const json& j, std::string& out) {
    if (!j.is_string()) return false;
    out = j.get_ref<const std::string&>();
    return true;
}
bool read(const json& j, std::uint64_t& out) {
    if (j.is_number_unsigned()) { out = j.get<std::uint64_t>(); return true; }
    return false;  // a negative or fractional number is not an id or a count
}
bool read(const json& j, std::int64_t& out) {
    if (j.is_number_unsigned()) {
        const auto u = j.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(INT64_MAX)) return false;
        out = static_cast<std::int64_t>(u);
        return true;
    }
    if (j.is_number_integer()) { out = j.get<std::int64_t>(); return true; }
    return false;
}
bool read(const json& j, int& out) {
    std::int64_t v = 0;
    if (!read(j, v) || v < INT32_MIN || v > INT32_MAX) return false;
    out = static_cast<int>(v);
    return true;
}
bool read(const json& j, double& out) {
    if (!j.is_number()) return false;
    out = j.get<double>();
    return std::isfinite(out);
}

bool read(const json& j, ErrorCode& out) {
    if (!j.is_string()) return false;
    out = error_code_from(j.get_ref<const std::string&>()).value_or(ErrorCode::bad_request);
    return true;
}
bool read(const json& j, bool& out) {
    if (!j.is_boolean()) return false;
    out = j.get<bool>();
    return true;
}
bool read(const json& j, User& u) { return Fields(j).req("name", u.name).opt("id", u.id).ok(); }
bool read(const json& j, DmInfo& d) {
    return Fields(j).req("channel", d.channel).req("with", d.with).req("last_id", d.last_id).ok();
}
bool read(const json& j, std::vector<ReadMarker>& out) {
    if (!j.is_object()) return false;
    out.clear();
    for (const auto& [channel, id] : j.items()) {
        ReadMarker m{channel, 0};
        if (!read(id, m.id)) return false;
        out.push_back(std::move(m));
    }
    return true;
}
bool read(const json& j, ChannelInfo& c) { return Fields(j).req("name", c.name).req("last_id", c.last_id).ok(); }
bool read(const json& j, Attachment& a) {
    return Fields(j).req("id", a.id).req("url", a.url).req("name", a.name).req("size", a.size).req("mime", a.mime).ok();
}
bool read(const json& j, ReplyTo& r) {
    return Fields(j).req("id", r.id).req("sender", r.sender).opt("sender_id", r.sender_id).req("body", r.body).ok();
}
bool read(const json& j, Reaction& r) { return Fields(j).req("emoji", r.emoji).req("users", r.users).ok(); }
bool read(const json& j, Message& m) {
    std::optional<bool> deleted;
    std::optional<std::vector<Reaction>> reactions;
    const bool ok = Fields(j).req("id", m.id).req("channel", m.channel).req("sender", m.sender).req("body", m.body)
        .req("ts", m.ts).opt("client_id", m.client_id).opt("attachment", m.attachment).opt("sender_id", m.sender_id)
        .opt("reply_to", m.reply_to).opt("edited_ts", m.edited_ts).opt("deleted", deleted).opt("reactions", reactions)
        .ok();
    m.deleted = deleted.value_or(false);
    m.reactions = reactions ? std::move(*reactions) : std::vector<Reaction>{};
    return ok;
}

// ---------------------------------------------------------------- writing values

json to_json(const User& u) {
    json j = {{"name", u.name}};
    if (u.id) j["id"] = *u.id;
    return j;
}
json to_json(const DmInfo& d) { return {{"channel", d.channel}, {"with", to_json(d.with)}, {"last_id", d.last_id}}; }
json to_json(const std::vector<ReadMarker>& markers) {
    json j = json::object();
    for (const auto& m : markers) j[m.channel] = m.id;
    return j;
}
json to_json(const ChannelInfo& c) { return {{"name", c.name}, {"last_id", c.last_id}}; }
json to_json(const Attachment& a) {
    return {{"id", a.id}, {"url", a.url}, {"name", a.name}, {"size", a.size}, {"mime", a.mime}};
}
json to_json(const Message& m) {
    json j = {{"id", m.id}, {"channel", m.channel}, {"sender", m.sender}, {"body", m.body}, {"ts", m.ts}};
    if (m.sender_id) j["sender_id"] = *m.sender_id;
    if (m.client_id) j["client_id"] = *m.client_id;
    if (m.attachment) j["attachment"] = to_json(*m.attachment);
    if (m.reply_to) j["reply_to"] = to_json(*m.reply_to);
    if (m.edited_ts) j["edited_ts"] = *m.edited_ts;
    if (m.deleted) j["deleted"] = true;
    if (!m.reactions.empty()) j["reactions"] = to_json(m.reactions);
    return j;
}
json to_json(const ReplyTo& r) {
    json j = {{"id", r.id}, {"sender", r.sender}, {"body", r.body}};
    if (r.sender_id) j["sender_id"] = *r.sender_id;
    return j;
}
json to_json(const Reaction& r) { return {{"emoji", r.emoji}, {"users", r.users}}; }
json parse(std::string_view text) { return json::parse(text.begin(), text.end(), nullptr, false); }

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace chitchat::json_values
