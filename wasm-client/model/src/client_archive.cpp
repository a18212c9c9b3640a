// The client's side of protocol 2's history and search: pages loaded as the view reaches its
// top, a search and its pages, and a chosen result brought into view by loading back to it.
#include <algorithm>

#include "chitchat/client/client_state.hpp"
#include "chitchat/limits.hpp"

namespace chitchat::client {

Entry ClientState::entry_of(const Message& m) const {
    // By user id where both are known (two people may share a name), else by name.
    const bool mine = m.sender_id && user_id_ ? *m.sender_id == *user_id_ : user_ && m.sender == *user_;
    return Entry{m, false, mine};
}

std::optional<std::uint64_t> ClientState::oldest_shown() const {
    for (const auto& e : messages_)
        if (!e.pending) return e.message.id;
    return std::nullopt;
}

bool ClientState::has_older() const {
    const auto oldest = oldest_shown();
    return oldest && *oldest > 1 && more_older_;
}

void ClientState::load_older() {
    if (loading_older_ || !joined_ || !has_older() || status_ != Status::connected) return;
    loading_older_ = true;
    outgoing_.push_back(proto::History{channel_, oldest_shown(), std::nullopt, limits::history_page});
}

void ClientState::on(const proto::HistoryPage& m) {
    if (m.channel != channel_) return;  // asked before a switch
    loading_older_ = false;
    for (const auto& msg : m.messages) insert(entry_of(msg));
    const auto oldest = oldest_shown();
    // Only a page that reached below what we had says whether more exist.
    if (m.messages.empty() || (oldest && m.messages.front().id <= *oldest)) more_older_ = m.more;
    continue_jump();
}

void ClientState::search(std::string_view q) {
    if (q.find_first_not_of(" \t\n") == std::string_view::npos) return close_search();
    search_ = SearchState{std::string(q), {}, false, true};
    outgoing_.push_back(proto::Search{search_->q, std::nullopt, std::nullopt, std::nullopt});
}

void ClientState::search_more() {
    if (!search_ || search_->waiting || !search_->more || search_->results.empty()) return;
    search_->waiting = true;
    outgoing_.push_back(proto::Search{search_->q, std::nullopt, std::nullopt, search_->results.back().ts});
}

void ClientState::on(const proto::SearchResults& m) {
    if (!search_ || m.q != search_->q) return;  // an answer to an older search
    search_->waiting = false;
    search_->more = m.more;
    for (const auto& r : m.results) {
        const bool known = std::any_of(search_->results.begin(), search_->results.end(), [&](const Message& x) {
            return x.channel == r.channel && x.id == r.id;
        });
        if (!known) search_->results.push_back(r);
    }
}

void ClientState::open_result(const Message& m) {
    jump_ = {m.channel, m.id};
    highlight_.reset();
    if (m.channel != channel_ || !joined_) return switch_channel(m.channel);  // continued on `joined`
    continue_jump();
}

// Loads older pages until the post is shown, then asks the view to bring it into sight.
void ClientState::continue_jump() {
    if (!jump_ || jump_->first != channel_ || !joined_) return;
    const std::uint64_t id = jump_->second;
    if (std::any_of(messages_.begin(), messages_.end(), [&](const Entry& e) { return !e.pending && e.message.id == id; })) {
        highlight_ = id;
        jump_.reset();
        return;
    }
    const auto oldest = oldest_shown();
    if (!oldest || *oldest < id || !more_older_) {  // not there (deleted, or expired)
        jump_.reset();
        return;
    }
    if (loading_older_) return;
    loading_older_ = true;
    outgoing_.push_back(proto::History{channel_, oldest, std::nullopt, limits::history_page_max});
}

}  // namespace chitchat::client
