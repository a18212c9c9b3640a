// The data folder: like Flask-Session's filesystem store, one file per session, replaced
// atomically; and one append-only log per channel, compacted to its retained messages.
//   <dir>/sessions/<sid>.json     {"sid", "name", "channel"}
//   <dir>/channels/<seq>.log      a {"seq", "channel"} line, then one line per message
// Each append is one write(2) before the message is acknowledged, so a kill -9 loses nothing
// acknowledged; there is no fsync, so a power loss may lose the last writes.
#pragma once
#include <deque>
#include <filesystem>
#include <map>
#include <string>

#include "store/storage.hpp"

namespace chitchat::server {

class FileStorage final : public Storage {
public:
    explicit FileStorage(std::filesystem::path dir);
    ~FileStorage() override;
    FileStorage(const FileStorage&) = delete;
    FileStorage& operator=(const FileStorage&) = delete;

    Snapshot load() override;
    void save_session(const records::Session& session) override;
    void add_channel(const records::Channel& channel) override;
    void append(const records::Channel& channel, const records::Posted& message) override;
    void flush() override;

private:
    struct Log {
        int fd = -1;
        std::size_t lines = 0;           // message lines in the file
        std::deque<std::string> recent; // the last lines logged, kept by compaction
    };
    Log& open_log(const records::Channel& channel);
    void compact(const records::Channel& channel, Log& log);
    std::filesystem::path log_path(std::uint64_t seq) const;

    std::filesystem::path dir_;
    std::map<std::uint64_t, Log> logs_;
};

}  // namespace chitchat::server
