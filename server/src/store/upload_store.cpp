#include "store/upload_store.hpp"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <system_error>

#include "store/atomic_file.hpp"
#include "chitchat/url.hpp"
#include "store/ids.hpp"
#include "log.hpp"

namespace chitchat::server {
namespace fs = std::filesystem;

UploadStore::UploadStore(fs::path dir) : dir_(std::move(dir)) {
    fs::create_directories(dir_);
    for (const auto& entry : fs::directory_iterator(dir_)) {
        const std::string id = entry.path().stem().string();
        if (entry.path().extension() != ".json" || !is_id(id)) continue;
        std::ifstream in(entry.path());
        std::string line;
        std::getline(in, line);
        auto record = records::decode_upload(line);
        if (record && record->file.id == id && fs::exists(dir_ / id)) index_.emplace(id, std::move(*record));
        else log::warn("skipping unreadable upload record " + entry.path().string());
    }
}

records::Upload UploadStore::save(std::string_view content, const std::string& name, std::string_view mime,
                                  const std::string& owner) {
    records::Upload record;
    record.owner = owner;
    record.file.id = random_id();
    record.file.name = name;
    record.file.size = content.size();
    record.file.mime = std::string(mime);
    record.file.url = "/uploads/" + record.file.id + "/" + percent_encode(name);
    write_file_atomically(dir_ / record.file.id, content);
    write_file_atomically(dir_ / (record.file.id + ".json"), records::encode(record) + "\n");
    const std::lock_guard lock(mutex_);
    index_.emplace(record.file.id, record);
    return record;
}

std::optional<records::Upload> UploadStore::find(std::string_view id) const {
    const std::lock_guard lock(mutex_);
    const auto it = index_.find(std::string(id));
    if (it == index_.end()) return std::nullopt;
    return it->second;
}

void UploadStore::remove(const std::string& id) {
    if (!is_id(id)) return;
    {
        const std::lock_guard lock(mutex_);
        index_.erase(id);
    }
    std::error_code ignored;
    fs::remove(dir_ / id, ignored);
    fs::remove(dir_ / (id + ".json"), ignored);
}

}  // namespace chitchat::server
