#include "store/post_rows.hpp"

#include "log.hpp"

namespace chitchat::server {

records::Posted read_post(const sqlite::Statement& row) {
    records::Posted p;
    Message& m = p.message;
    m.id = static_cast<std::uint64_t>(row.integer(0));
    m.channel = row.text(1);
    m.sender = row.text(2);
    m.body = row.text(3);
    m.ts = row.integer(4);
    m.client_id = row.optional_text(5);
    const auto unreadable = [&](const char* what) {
        log::warn("post " + std::to_string(m.id) + " in " + m.channel + ": unreadable " + what);
    };
    if (const auto attachment = row.optional_text(6)) {
        if (auto a = records::decode_attachment(*attachment)) m.attachment = std::move(*a);
        else unreadable("attachment");
    }
    p.owner = row.text(7);
    m.sender_id = row.optional_text(8);
    if (!row.is_null(9))
        m.reply_to = ReplyTo{static_cast<std::uint64_t>(row.integer(9)), row.text(10), row.optional_text(11), row.text(12)};
    if (!row.is_null(13)) m.edited_ts = row.integer(13);
    m.deleted = row.integer(14) != 0;
    if (const auto reactions = row.optional_text(15)) {
        if (auto r = records::decode_reactions(*reactions)) m.reactions = std::move(*r);
        else unreadable("reactions");
    }
    m.changed_id = static_cast<std::uint64_t>(row.integer(16));
    return p;
}

void bind_state(sqlite::Statement& s, int first, const Message& m) {
    if (m.reply_to) {
        s.bind(first, static_cast<std::int64_t>(m.reply_to->id))
            .bind(first + 1, m.reply_to->sender)
            .bind(first + 2, m.reply_to->sender_id)
            .bind(first + 3, m.reply_to->body);
    } else {
        s.bind(first, std::nullopt).bind(first + 1, std::nullopt).bind(first + 2, std::nullopt).bind(first + 3, std::nullopt);
    }
    if (m.edited_ts) s.bind(first + 4, *m.edited_ts);
    else s.bind(first + 4, std::nullopt);
    s.bind(first + 5, std::int64_t{m.deleted});
    if (m.reactions.empty()) s.bind(first + 6, std::nullopt);
    else s.bind(first + 6, records::encode(m.reactions));
    s.bind(first + 7, static_cast<std::int64_t>(m.changed_id ? m.changed_id : m.id));
}

}  // namespace chitchat::server
