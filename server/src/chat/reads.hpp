// `history` and `search`, checked by the chat under the hub's lock and then read from the
// archive outside it (on the archive's own thread): a search never holds up the chat.
#pragma once
#include <string>
#include <variant>

#include "chat/peer.hpp"
#include "chitchat/protocol.hpp"
#include "store/archive.hpp"

namespace chitchat::server {

struct HistoryRead {
    std::string channel;
    std::uint64_t seq = 0;
    std::optional<std::uint64_t> before, around;
    std::size_t limit = 0;
};
struct SearchRead {
    std::string q;
    SearchQuery query;
};

struct ArchiveRead {
    PeerPtr peer;
    std::variant<HistoryRead, SearchRead> what;
};

// The answer to send: `history` or `search_results` (or `server_error` if the read failed).
proto::ServerMessage answer(Archive& archive, const ArchiveRead& read);

}  // namespace chitchat::server
