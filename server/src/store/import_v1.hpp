// The data folder of protocol-1 servers (before the database): one JSON file per session and
// one log per channel. On the first start over such a folder its sessions and every logged
// message (ids, senders, times, attachments, client ids) go into the store in one commit, and
// the old files move to <data>/imported-v1/, so a second start imports nothing.
//   <data>/sessions/<sid>.json     {"sid", "name", "channel"}
//   <data>/channels/<seq>.log      a {"seq", "channel"} line, then one {"owner", "message"} per line
#pragma once
#include <filesystem>

#include "store/storage.hpp"

namespace chitchat::server {

struct ImportCounts {
    std::size_t sessions = 0, channels = 0, messages = 0;
};

// Imports into `store` if `data_dir` holds a protocol-1 folder, and returns what it imported.
// A store that already holds posts or sessions is not imported into (a start interrupted after
// the commit): the files are only moved. Throws StoreError or std::filesystem::filesystem_error.
ImportCounts import_v1(const std::filesystem::path& data_dir, Storage& store);

}  // namespace chitchat::server
