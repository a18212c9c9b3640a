#include "store/post_rows.hpp"

#include "log.hpp"

namespace chitchat::server {

records::Posted read_post(const sqlite::Statement& row) {
    records::Posted p;
    p.message.id = static_cast<std::uint64_t>(row.integer(0));
    p.message.channel = row.text(1);
    p.message.sender = row.text(2);
    p.message.body = row.text(3);
    p.message.ts = row.integer(4);
    p.message.client_id = row.optional_text(5);
    if (const auto attachment = row.optional_text(6)) {
        if (auto a = records::decode_attachment(*attachment))
            p.message.attachment = std::move(*a);
        else
            log::warn("post " + std::to_string(p.message.id) + " in " + p.message.channel + ": unreadable attachment");
    }
    p.owner = row.text(7);
    p.message.sender_id = row.optional_text(8);
    return p;
}

}  // namespace chitchat::server
