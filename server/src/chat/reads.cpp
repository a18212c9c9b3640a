#include "chat/reads.hpp"

#include "chitchat/overloaded.hpp"
#include "log.hpp"
#include "store/store_error.hpp"

namespace chitchat::server {

proto::ServerMessage answer(Archive& archive, const ArchiveRead& read) {
    try {
        return std::visit(
            overloaded{
                [&](const HistoryRead& h) -> proto::ServerMessage {
                    Page page = h.around ? archive.around(h.seq, *h.around, h.limit)
                                         : archive.before(h.seq, h.before.value_or(UINT64_MAX), h.limit);
                    return proto::HistoryPage{h.channel, std::move(page.messages), page.more};
                },
                [&](const SearchRead& s) -> proto::ServerMessage {
                    Page page = archive.search(s.query);
                    return proto::SearchResults{s.q, std::move(page.messages), page.more};
                },
            },
            read.what);
    } catch (const StoreError& e) {
        const bool history = std::holds_alternative<HistoryRead>(read.what);
        log::error(std::string(history ? "reading history" : "searching") + " failed: " + e.what());
        return proto::ErrorReply{ErrorCode::server_error, "the server could not read its history; try again later",
                                 history ? "history" : "search", std::nullopt};
    }
}

}  // namespace chitchat::server
