// Image previews as OpenGL textures: asked for by URL, loaded by the page, kept until exit.
#pragma once
#include <GLES3/gl3.h>

#include <functional>
#include <map>
#include <string>

#include "ui/ui.hpp"

namespace chitchat::client {

class GlThumbnails final : public ui::Thumbnails {
public:
    explicit GlThumbnails(std::function<void(const std::string&)> request) : request_(std::move(request)) {}
    ~GlThumbnails() override;

    const Image* get(const std::string& url) override;
    // The page decoded and scaled an image (or failed: width 0).
    void loaded(const std::string& url, int width, int height, const unsigned char* rgba);

private:
    struct Slot {
        bool ready = false;
        Image image;
    };
    std::function<void(const std::string&)> request_;
    std::map<std::string, Slot> slots_;
};

}  // namespace chitchat::client
