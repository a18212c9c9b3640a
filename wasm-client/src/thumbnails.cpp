#include "thumbnails.hpp"

namespace chitchat::client {

GlThumbnails::~GlThumbnails() {
    for (auto& [_, slot] : slots_) {
        if (!slot.ready) continue;
        const GLuint texture = static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(slot.image.texture));
        glDeleteTextures(1, &texture);
    }
}

const ui::Thumbnails::Image* GlThumbnails::get(const std::string& url) {
    const auto [it, fresh] = slots_.try_emplace(url);
    if (fresh) request_(url);
    return it->second.ready ? &it->second.image : nullptr;
}

void GlThumbnails::loaded(const std::string& url, int width, int height, const unsigned char* rgba) {
    Slot& slot = slots_[url];
    if (width <= 0 || height <= 0 || !rgba) return;  // stays "loading": the chip still opens the file
    GLuint texture = 0;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    slot.image.texture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture));
    slot.image.size = {static_cast<float>(width), static_cast<float>(height)};
    slot.ready = true;
}

}  // namespace chitchat::client
