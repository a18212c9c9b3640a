// The chat's side of `history` and `search`: who may read what, and the request's bounds. The
// reading itself happens outside the lock (chat/reads.hpp).
#include "chat/chat_state.hpp"
#include "chitchat/text.hpp"
#include "store/fts_query.hpp"

namespace chitchat::server {

void Chat::history(Connection& c, const proto::History& m, Deliveries& out) {
    const Channel* channel = find_channel(m.channel);
    if (!channel) return fail(c, ErrorCode::no_such_channel, "no channel named \"" + m.channel + "\"", m, out);
    if (m.before && m.around) return fail(c, ErrorCode::bad_request, "\"before\" or \"around\", not both", m, out);
    const std::uint64_t limit = m.limit.value_or(limits::history_page);
    if (limit < 1 || limit > limits::history_page_max)
        return fail(c, ErrorCode::bad_request, "\"limit\" is 1 to " + std::to_string(limits::history_page_max), m, out);
    reads_.push_back({c.peer, HistoryRead{channel->record.name, channel->record.seq, m.before, m.around,
                                          static_cast<std::size_t>(limit)}});
}

void Chat::search(Connection& c, const proto::Search& m, Deliveries& out) {
    if (text::count_chars(m.q) > limits::search_chars)
        return fail(c, ErrorCode::bad_request, "a search is at most " + std::to_string(limits::search_chars) + " characters",
                    m, out);
    SearchRead read{m.q, {}};
    read.query.match = fts_query(m.q);
    if (read.query.match.empty()) return fail(c, ErrorCode::bad_request, "search for at least one word", m, out);
    if (m.before && !m.channel)
        return fail(c, ErrorCode::bad_request, "\"before\" is an id in \"channel\"; use \"before_ts\" across channels", m,
                    out);
    if (m.channel) {
        const Channel* channel = find_channel(*m.channel);
        if (!channel) return fail(c, ErrorCode::no_such_channel, "no channel named \"" + *m.channel + "\"", m, out);
        read.query.channel = channel->record.seq;
    }
    read.query.user_id = c.session->record.user_id;
    read.query.before = m.before;
    read.query.before_ts = m.before_ts;
    read.query.limit = limits::search_page;
    reads_.push_back({c.peer, std::move(read)});
}

}  // namespace chitchat::server
