#include "chitchat/client/client_state.hpp"

#include <algorithm>

#include "chitchat/limits.hpp"
#include "chitchat/upload_kinds.hpp"
#include "chitchat/validation.hpp"

namespace chitchat::client {

ClientState::ClientState(IdSource ids, Saved saved)
    : ids_(std::move(ids)), wanted_name_(std::move(saved.name)), channel_(saved.channel.value_or(default_channel)),
      seen_(std::move(saved.seen)), outbox_(std::move(saved.outbox)), changes_(std::move(saved.changes)) {}

Saved ClientState::saved() const {
    Saved s;
    s.name = user_ ? user_ : wanted_name_;
    s.channel = channel_;
    s.seen = seen_;
    s.outbox = outbox_;
    s.changes = changes_;
    return s;
}

// ---------------------------------------------------------------- connection

void ClientState::connection_opened() { joined_ = false; }

void ClientState::connection_lost() {
    status_ = welcomed_ ? Status::reconnecting : Status::connecting;
    joined_ = false;
    outgoing_.clear();  // the outbox keeps every unacknowledged message for the next connection
}

void ClientState::apply(const proto::ServerMessage& message) {
    std::visit([this](const auto& m) { on(m); }, message);
}

std::vector<proto::ClientMessage> ClientState::take_outgoing() {
    if (status_ != Status::connected) return {};
    return std::exchange(outgoing_, {});
}

void ClientState::on(const proto::Welcome& m) {
    const bool first = !welcomed_;
    welcomed_ = true;
    status_ = Status::connected;
    online_ = m.online;
    if (m.max_upload_bytes) max_upload_bytes_ = *m.max_upload_bytes;  // else the default, as a server that does not say
    merge_channels(m.channels);
    if (m.people)
        for (const auto& p : *m.people)
            if (p.id) names_[*p.id] = p.name;
    // The server's memory of this browser wins; localStorage fills in when it has none.
    const bool known = m.user.has_value();
    std::string target = channel_;
    if (first && known) target = m.channel;
    if (!find_channel(target)) target = m.channel;
    channel_ = target;
    if (known) {
        user_ = m.user->name;
        user_id_ = m.user->id;
        join(channel_, !first);
    } else if (user_ || wanted_name_) {
        // The server forgot us (a new data folder): tell it again who we are.
        wanted_name_ = user_ ? *user_ : *wanted_name_;
        user_.reset();
        outgoing_.push_back(proto::SetName{*wanted_name_});
    }
}

void ClientState::on(const proto::Session& m) {
    const bool was_anonymous = !user_;
    user_ = m.user.name;
    user_id_ = m.user.id;
    wanted_name_.reset();
    name_error_.clear();
    changed();
    if (was_anonymous && !joined_) join(channel_, false);
}

void ClientState::join(const std::string& channel, bool catch_up) {
    if (channel != channel_ || !catch_up) {
        // A different channel, or a fresh look: what we show comes from the `joined` reply.
        if (channel != channel_) messages_.clear();
        gap_notice_ = 0;
    }
    channel_ = channel;
    joined_ = false;
    std::optional<std::uint64_t> after;
    if (catch_up) {
        for (const auto& e : messages_)
            if (!e.pending) after = std::max(after.value_or(0), e.message.id);
        if (after) after = std::max(*after, entry_id_);  // every change seen counts too
    }
    if (!catch_up || channel != channel_) entry_id_ = 0;
    if (status_ == Status::connected) outgoing_.push_back(proto::Join{channel, after});
    changed();
}

void ClientState::on(const proto::Joined& m) {
    const bool catching_up = joined_ == false && m.channel == channel_ && !messages_.empty();
    if (m.channel != channel_) channel_error_.clear();
    channel_ = m.channel;
    joined_ = true;
    if (!catching_up) {
        messages_.clear();
        more_older_ = true;
        loading_older_ = false;
    }
    for (const auto& msg : m.messages) {
        learn_name(msg);
        insert(entry_of(msg));
    }
    if (m.updates)
        for (const auto& msg : *m.updates) replace(msg);
    for (const auto& msg : m.messages) entry_id_ = std::max(entry_id_, msg.id);
    if (m.last_id) entry_id_ = std::max(entry_id_, *m.last_id);
    // The messages typed for this channel and not yet acknowledged show as pending.
    for (const auto& s : outbox_) {
        if (s.channel != channel_) continue;
        const bool shown = std::any_of(messages_.begin(), messages_.end(), [&](const Entry& e) {
            return e.pending && e.message.client_id == s.client_id;
        });
        if (shown) continue;
        Entry e;
        e.pending = true;
        e.mine = true;
        e.message.channel = s.channel;
        e.message.body = s.body;
        e.message.sender = user_.value_or("");
        e.message.client_id = s.client_id;
        if (const auto it = pending_files_.find(s.client_id); it != pending_files_.end()) e.message.attachment = it->second;
        messages_.push_back(std::move(e));
    }
    gap_notice_ = m.gap;
    if (auto* c = find_channel(channel_); c && !m.messages.empty()) c->last_id = std::max(c->last_id, m.messages.back().id);
    mark_seen();
    flush_outbox();
    continue_jump();
}

void ClientState::on(const proto::NewMessage& m) {
    const Message& msg = m.message;
    if (auto* c = find_channel(msg.channel)) c->last_id = std::max(c->last_id, msg.id);
    if (msg.client_id) {
        std::erase_if(outbox_, [&](const proto::Send& s) { return s.client_id == *msg.client_id; });
        pending_files_.erase(*msg.client_id);
        std::erase_if(messages_, [&](const Entry& e) { return e.pending && e.message.client_id == msg.client_id; });
        composer_error_.clear();
        changed();
    }
    learn_name(msg);
    if (msg.channel != channel_) return;
    entry_id_ = std::max(entry_id_, msg.id);
    Message shown = msg;
    shown.client_id.reset();
    insert(entry_of(shown));
}

// A post changed (protocol 2): its new state replaces the one shown.
void ClientState::on(const proto::Update& m) {
    if (m.client_id) confirm_change(*m.client_id);
    if (auto* c = find_channel(m.message.channel)) c->last_id = std::max(c->last_id, m.id);
    if (m.message.channel != channel_) return;
    entry_id_ = std::max(entry_id_, m.id);
    Message shown = m.message;
    shown.client_id.reset();
    replace(shown);
}

void ClientState::learn_name(const Message& m) {
    if (m.sender_id) names_[*m.sender_id] = m.sender;
}

void ClientState::replace(const Message& m) {
    const auto it = std::find_if(messages_.begin(), messages_.end(),
                                 [&](const Entry& e) { return !e.pending && e.message.id == m.id; });
    if (it != messages_.end()) it->message = m;
}

void ClientState::insert(Entry entry) {
    const auto id = entry.message.id;
    auto it = std::find_if(messages_.begin(), messages_.end(),
                           [&](const Entry& e) { return e.pending || e.message.id >= id; });
    if (it != messages_.end() && !it->pending && it->message.id == id) return;  // seen it already
    messages_.insert(it, std::move(entry));
}

void ClientState::on(const proto::Channels& m) { merge_channels(m.channels); }

void ClientState::on(const proto::Online& m) { online_ = m.count; }

void ClientState::merge_channels(const std::vector<ChannelInfo>& list) {
    std::vector<ChannelEntry> merged;
    for (const auto& info : list) {
        ChannelEntry e{info.name, info.last_id, 0};
        if (const ChannelEntry* old = find_channel(info.name)) e.last_id = std::max(e.last_id, old->last_id);
        // A channel seen for the first time starts read; after that, newer ids are unread.
        const auto [it, fresh] = seen_.emplace(info.name, e.last_id);
        if (fresh) changed();
        e.unread = info.name == channel_ && joined_ ? 0 : e.last_id - std::min(e.last_id, it->second);
        merged.push_back(std::move(e));
    }
    channels_ = std::move(merged);
}

void ClientState::on(const proto::ErrorReply& m) {
    const std::string ref = m.ref.value_or("");
    if (m.code == ErrorCode::name_required) {
        user_.reset();  // the server does not know our name (any more): ask for it
        wanted_name_.reset();
        name_error_ = m.message;
    } else if (ref == "set_name") {
        wanted_name_.reset();
        name_error_ = m.message;
    } else if (ref == "create_channel") {
        channel_error_ = m.message;
    } else if (ref == "search" && search_) {
        search_->waiting = false;
        banner_ = m.message;
    } else if (ref == "history") {
        loading_older_ = false;
        jump_.reset();
        banner_ = m.message;
    } else if (ref == "edit" || ref == "delete" || ref == "react") {
        refuse_change(m);
    } else if (ref == "send") {
        composer_error_ = m.message;
        // Refused for good: the message leaves the outbox. Rate-limited ones, and ones the
        // server could not store, wait for a resend.
        if (m.client_id && m.code != ErrorCode::rate_limited && m.code != ErrorCode::server_error) {
            std::erase_if(outbox_, [&](const proto::Send& s) { return s.client_id == *m.client_id; });
            std::erase_if(messages_, [&](const Entry& e) { return e.pending && e.message.client_id == m.client_id; });
            changed();
        }
    } else {
        banner_ = m.message;
    }
}

// ---------------------------------------------------------------- the user's intents

void ClientState::set_name(std::string_view name) {
    auto valid = validate_display_name(name);
    if (!valid) {
        name_error_ = valid.error().message;
        return;
    }
    name_error_.clear();
    wanted_name_ = *valid;
    outgoing_.push_back(proto::SetName{*valid});
}

void ClientState::create_channel(std::string_view name) {
    auto valid = validate_channel_name(name);
    if (!valid) {
        channel_error_ = valid.error().message;
        return;
    }
    if (const ChannelEntry* existing = find_channel(*valid); existing && channel_key(existing->name) == channel_key(*valid)) {
        channel_error_ = "a channel named \"" + existing->name + "\" exists already";
        return;
    }
    channel_error_.clear();
    outgoing_.push_back(proto::CreateChannel{*valid});
}

void ClientState::switch_channel(std::string_view name) {
    if (name == channel_ && joined_) return;
    join(std::string(name), false);
}

void ClientState::send(std::string_view body) {
    auto valid = validate_body(body, false);
    if (!valid) {
        composer_error_ = valid.error().message;
        return;
    }
    post(*valid, std::nullopt);
}

void ClientState::post(std::string_view body, std::optional<Attachment> attachment) {
    composer_error_.clear();
    proto::Send s{channel_, std::string(body), ids_(), std::nullopt};
    Entry e;
    if (replying_) {
        s.reply_to = replying_->id;
        e.message.reply_to = std::exchange(replying_, std::nullopt);
    }
    e.pending = true;
    e.mine = true;
    e.message.channel = channel_;
    e.message.sender = user_.value_or("");
    e.message.body = s.body;
    e.message.client_id = s.client_id;
    if (attachment) {
        s.attachment_id = attachment->id;
        pending_files_[s.client_id] = *attachment;
        e.message.attachment = std::move(attachment);
    }
    outbox_.push_back(s);
    messages_.push_back(std::move(e));
    if (joined_) outgoing_.push_back(std::move(s));
    changed();
}

void ClientState::flush_outbox() {
    for (const auto& s : outbox_)
        if (s.channel == channel_) outgoing_.push_back(s);
    flush_changes();  // changes need no join: every one of them, in order
}

void ClientState::resend_pending() {
    if (joined_) flush_outbox();
}

void ClientState::mark_seen() {
    std::uint64_t newest = 0;
    for (const auto& e : messages_)
        if (!e.pending) newest = std::max(newest, e.message.id);
    if (auto* c = find_channel(channel_)) {
        newest = std::max(newest, c->last_id);
        c->unread = 0;
    }
    auto& seen = seen_[channel_];
    if (seen != newest) {
        seen = newest;
        changed();
    }
}

namespace {

// "10 MiB", "640 KiB" or "1500 bytes": a limit as people read it.
std::string size_text(std::uint64_t bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
    return std::to_string(bytes) + " bytes";
}

}  // namespace

bool ClientState::start_upload(std::string_view file_name, std::uint64_t size) {
    if (upload_) {
        composer_error_ = "one upload at a time";
        return false;
    }
    if (!upload_mime(file_name)) {
        composer_error_ = allowed_uploads_message;
        return false;
    }
    if (size > max_upload_bytes_) {
        composer_error_ = "uploads are limited to " + size_text(max_upload_bytes_);
        return false;
    }
    composer_error_.clear();
    upload_ = UploadState{std::string(file_name), size, 0};
    return true;
}

void ClientState::upload_progress(std::uint64_t sent) {
    if (upload_) upload_->sent = sent;
}

void ClientState::upload_finished(int http_status, std::string_view body) {
    if (!upload_) return;
    upload_.reset();
    if (http_status == 201) {
        if (auto file = proto::decode_upload(body)) return post("", std::move(*file));
        composer_error_ = "the server's answer to the upload was not understood";
        return;
    }
    if (auto e = proto::decode_http_error(body)) composer_error_ = e->message;
    else composer_error_ = http_status == 0 ? "the upload failed: no connection" : "the upload failed (HTTP " + std::to_string(http_status) + ")";
}

void ClientState::upload_cancelled() { upload_.reset(); }

ChannelEntry* ClientState::find_channel(std::string_view name) {
    const std::string key = channel_key(name);
    for (auto& c : channels_)
        if (channel_key(c.name) == key) return &c;
    return nullptr;
}

// ---------------------------------------------------------------- saved state

std::string encode_outbox(const std::vector<proto::Send>& outbox) {
    std::string text;
    for (const auto& s : outbox) text += proto::encode(proto::ClientMessage{s}) + "\n";
    return text;
}

std::vector<proto::ClientMessage> decode_requests(std::string_view text) {
    std::vector<proto::ClientMessage> requests;
    while (!text.empty()) {
        const auto eol = text.find('\n');
        const auto line = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
        if (auto decoded = proto::decode_client(line)) requests.push_back(std::move(*decoded));
    }
    return requests;
}

std::vector<proto::Send> decode_outbox(std::string_view text) {
    std::vector<proto::Send> outbox;
    for (auto& r : decode_requests(text))
        if (auto* s = std::get_if<proto::Send>(&r)) outbox.push_back(std::move(*s));
    return outbox;
}

}  // namespace chitchat::client
