// The one client file that builds JSON: the automation view of the model is not part of the
// protocol, so it is not in shared/.
#include "automation.hpp"

#include <nlohmann/json.hpp>

namespace chitchat::client {

using json = nlohmann::json;

std::string state_json(const ClientState& s) {
    json j;
    j["status"] = s.status() == Status::connected ? "connected" : s.status() == Status::reconnecting ? "reconnecting" : "connecting";
    j["user"] = s.user() ? json(*s.user()) : json(nullptr);
    j["needs_name"] = s.needs_name();
    j["channel"] = s.channel();
    j["channels"] = json::array();
    for (const auto& c : s.channels()) j["channels"].push_back({{"name", c.name}, {"unread", c.unread}});
    j["online"] = s.online();
    j["messages"] = json::array();
    for (const auto& e : s.messages()) {
        json m = {{"id", e.message.id}, {"sender", e.message.sender}, {"body", e.message.body},
                  {"ts", e.message.ts}, {"pending", e.pending}, {"mine", e.mine}, {"attachment", nullptr}};
        if (const auto& a = e.message.attachment)
            m["attachment"] = {{"id", a->id}, {"url", a->url}, {"name", a->name}, {"size", a->size}, {"mime", a->mime}};
        m["edited_ts"] = e.message.edited_ts ? json(*e.message.edited_ts) : json(nullptr);
        m["deleted"] = e.message.deleted;
        m["reactions"] = json::array();
        for (const auto& r : e.message.reactions) m["reactions"].push_back({{"emoji", r.emoji}, {"users", r.users}});
        m["reply_to"] = nullptr;
        if (const auto& q = e.message.reply_to)
            m["reply_to"] = {{"id", q->id}, {"sender", q->sender}, {"sender_id", q->sender_id ? json(*q->sender_id) : json(nullptr)},
                             {"body", q->body}};
        j["messages"].push_back(std::move(m));
    }
    const std::string* error = nullptr;
    for (const std::string* e : {&s.composer_error(), &s.channel_error(), &s.name_error(), &s.banner()})
        if (!error && !e->empty()) error = e;
    j["error"] = error ? json(*error) : json(nullptr);
    j["gap"] = s.gap_notice();
    j["rtt_ms"] = s.rtt_ms() ? json(*s.rtt_ms()) : json(nullptr);
    j["outbox"] = s.saved().outbox.size();
    j["changes"] = s.saved().changes.size();  // edits, deletions and reactions not yet confirmed
    j["replying"] = s.replying() ? json(s.replying()->id) : json(nullptr);
    j["has_older"] = s.has_older();
    j["loading_older"] = s.loading_older();
    j["user_id"] = s.user_id() ? json(*s.user_id()) : json(nullptr);
    if (const auto& f = s.search_state()) {
        j["search"] = {{"q", f->q}, {"more", f->more}, {"waiting", f->waiting}, {"results", json::array()}};
        for (const auto& r : f->results)
            j["search"]["results"].push_back({{"channel", r.channel}, {"id", r.id}, {"sender", r.sender}, {"body", r.body}});
    } else {
        j["search"] = nullptr;
    }
    if (const auto& u = s.upload()) j["upload"] = {{"name", u->name}, {"size", u->size}, {"sent", u->sent}};
    else j["upload"] = nullptr;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string widgets_json(const ui::Widgets& widgets, float scale) {
    json j = json::object();
    for (const auto& [name, rect] : widgets.rects())
        j[name] = {{"x", rect.first.x / scale}, {"y", rect.first.y / scale},
                   {"w", (rect.second.x - rect.first.x) / scale}, {"h", (rect.second.y - rect.first.y) / scale}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace chitchat::client
