#include "upload_store.hpp"

#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <system_error>

#include "file_storage.hpp"
#include "url.hpp"
#include "log.hpp"

namespace chitchat::server {
namespace fs = std::filesystem;

std::string random_id() {
    unsigned char bytes[16];
    for (std::size_t got = 0; got < sizeof bytes;) {
        const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::system_error(errno, std::generic_category(), "getrandom");
        got += static_cast<std::size_t>(n);
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string id;
    for (unsigned char b : bytes) {
        id += hex[b >> 4];
        id += hex[b & 15];
    }
    return id;
}

bool is_id(std::string_view s) {
    return s.size() == 32 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

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

}  // namespace chitchat::server
