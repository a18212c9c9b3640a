// Looking up an uploaded file by id, for `send` with an `attachment_id`; removing one.
#pragma once
#include <optional>
#include <string_view>

#include "chitchat/records.hpp"

namespace chitchat::server {

class UploadIndex {
public:
    virtual ~UploadIndex() = default;
    virtual std::optional<records::Upload> find(std::string_view id) const = 0;
    // Forgets an upload and deletes its file (its post was deleted): its URL answers 404.
    virtual void remove(const std::string& id) = 0;
};

}  // namespace chitchat::server
