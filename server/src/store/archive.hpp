// Reading the whole history back: older pages of a channel, and full-text search. Reads see
// what has been committed; an Archive may be called from any thread, beside the writes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chitchat/types.hpp"

namespace chitchat::server {

struct Page {
    std::vector<Message> messages;
    bool more = false;  // beyond the page (older ones, for a page read backwards)
};

struct SearchQuery {
    std::string match;                          // an FTS5 query (store/fts_query.hpp)
    std::optional<std::string> user_id;         // whose direct messages may be searched too
    std::optional<std::uint64_t> channel;       // only this channel (its seq)
    std::optional<std::uint64_t> before;        // with `channel`: ids below this
    std::optional<std::int64_t> before_ts;      // sent before this time
    std::size_t limit = 20;
};

class Archive {
public:
    virtual ~Archive() = default;
    // Oldest first: the `limit` newest posts of the channel with id < before.
    virtual Page before(std::uint64_t channel, std::uint64_t before, std::size_t limit) = 0;
    // Oldest first: up to limit/2 posts before `id`, then `id` and the ones after it, `limit` in all.
    virtual Page around(std::uint64_t channel, std::uint64_t id, std::size_t limit) = 0;
    // Newest first: posts that match, in public channels and the user's direct messages.
    virtual Page search(const SearchQuery& query) = 0;
};

}  // namespace chitchat::server
