// The uploads folder: each file stored as <id> beside its record <id>.json, under a server-made
// id (never a path built from the client's file name), and an in-memory index of the records.
#pragma once
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "chitchat/records.hpp"
#include "store/upload_index.hpp"

namespace chitchat::server {

class UploadStore final : public UploadIndex {
public:
    explicit UploadStore(std::filesystem::path dir);

    // Stores a file that passed the checks and returns its record. Throws std::system_error.
    records::Upload save(std::string_view content, const std::string& name, std::string_view mime,
                         const std::string& owner);

    std::optional<records::Upload> find(std::string_view id) const override;
    // Forgets an upload and deletes its file: its URL answers 404 from then on.
    void remove(const std::string& id) override;
    std::filesystem::path path_of(const std::string& id) const { return dir_ / id; }

private:
    std::filesystem::path dir_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, records::Upload> index_;
};


}  // namespace chitchat::server
