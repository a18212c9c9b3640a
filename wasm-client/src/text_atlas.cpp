#include "text_atlas.hpp"

#include <emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "browser.hpp"

namespace chitchat::client {
namespace {

EM_JS(void, js_text_font, (float px), { ChitChatGlue.text.setFont(px); });
EM_JS(float, js_text_width, (const char* s, int n), { return ChitChatGlue.text.width(UTF8ToString(s, n)); });
EM_JS(int, js_text_fit, (const char* s, int n, float max), { return ChitChatGlue.text.fit(UTF8ToString(s, n), max); });
EM_JS(float*, js_text_carets, (const char* s, int n), { return ChitChatGlue.text.carets(UTF8ToString(s, n)); });
EM_JS(int, js_text_draw, (const char* s, int n, int rtl, unsigned colour, int texture, int x, int y, int w, int h, int pad, int baseline), {
    return ChitChatGlue.text.draw(UTF8ToString(s, n), !!rtl, colour, GLctx, GL.textures[texture], x, y, w, h, pad, baseline);
});

int n_of(std::string_view s) { return static_cast<int>(s.size()); }

}  // namespace

TextAtlas::~TextAtlas() {
    for (auto& p : pages_) glDeleteTextures(1, &p.texture);
}

void TextAtlas::set_font(float px, float ascent) {
    if (px == px_ && ascent == ascent_) return;
    px_ = px;
    ascent_ = ascent;
    js_text_font(px);
    sprite_h_ = static_cast<int>(std::ceil(px * 1.5f));
    top_ = (sprite_h_ - static_cast<int>(std::round(px))) / 2;
    pad_ = static_cast<int>(std::ceil(px * 0.25f));
    widths_.clear();
    carets_.clear();
    sprites_.clear();
    for (auto& p : pages_) glDeleteTextures(1, &p.texture);
    pages_.clear();
    space_ = js_text_width(" ", 1);
}

void TextAtlas::begin_frame(std::uint64_t frame, double budget_ms) {
    frame_ = frame;
    deadline_ms_ = browser::now_ms() + budget_ms;
    pending_ = 0;
    if (widths_.size() > 50000) widths_.clear();
    if (carets_.size() > 2000) carets_.clear();
}

float TextAtlas::width(std::string_view piece) {
    std::string key(piece);
    if (auto it = widths_.find(key); it != widths_.end()) return it->second;
    const float w = js_text_width(piece.data(), n_of(piece));
    widths_.emplace(std::move(key), w);
    return w;
}

float TextAtlas::space() { return space_; }

std::size_t TextAtlas::fit(std::string_view piece, float max_width) {
    return static_cast<std::size_t>(js_text_fit(piece.data(), n_of(piece), max_width));
}

const std::vector<ui::Glyphs::Caret>& TextAtlas::carets(std::string_view piece) {
    std::string key(piece);
    if (auto it = carets_.find(key); it != carets_.end()) return it->second;
    float* raw = js_text_carets(piece.data(), n_of(piece));  // [count, bytes, x, bytes, x…], malloc'd
    std::vector<Caret> out;
    const int count = static_cast<int>(raw[0]);
    for (int i = 0; i < count; ++i) out.push_back({static_cast<std::size_t>(raw[1 + 2 * i]), raw[2 + 2 * i]});
    std::free(raw);
    return carets_.emplace(std::move(key), std::move(out)).first->second;
}

int TextAtlas::place(int w) {
    for (int i = 0; i < static_cast<int>(pages_.size()); ++i) {
        Page& p = pages_[i];
        if (p.x + w > page_w) p.x = 0, p.y += sprite_h_;
        if (p.y + sprite_h_ <= page_h) return i;
    }
    if (static_cast<int>(pages_.size()) < max_pages) {
        Page p;
        glGenTextures(1, &p.texture);
        glBindTexture(GL_TEXTURE_2D, p.texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, page_w, page_h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        pages_.push_back(std::move(p));
        return static_cast<int>(pages_.size()) - 1;
    }
    // Every page is full: clear the one used longest ago.
    const auto oldest = std::min_element(pages_.begin(), pages_.end(), [](const Page& a, const Page& b) { return a.used < b.used; });
    for (const auto& key : oldest->keys) sprites_.erase(key);
    oldest->keys.clear();
    oldest->x = oldest->y = 0;
    ++evictions_;
    return static_cast<int>(oldest - pages_.begin());
}

const ui::Glyphs::Sprite* TextAtlas::sprite(std::string_view piece, bool rtl, ImU32 colour) {
    std::string key(piece);
    key.push_back('\0');
    key.append(reinterpret_cast<const char*>(&colour), sizeof colour);
    key.push_back(rtl ? 'r' : 'l');
    if (auto it = sprites_.find(key); it != sprites_.end()) {
        pages_[it->second.page].used = frame_;
        return &it->second.sprite;
    }
    if (browser::now_ms() > deadline_ms_) {  // this frame has drawn enough: the next one goes on
        ++pending_;
        return nullptr;
    }
    const int w = std::min(page_w, static_cast<int>(std::ceil(width(piece))) + 2 * pad_);
    const int index = place(w);
    Page& page = pages_[index];
    const int baseline = top_ + static_cast<int>(std::round(ascent_));
    js_text_draw(piece.data(), n_of(piece), rtl, colour, static_cast<int>(page.texture), page.x, page.y, w, sprite_h_, pad_, baseline);
    Sprite s;
    s.texture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(page.texture));
    s.uv0 = {static_cast<float>(page.x) / page_w, static_cast<float>(page.y) / page_h};
    s.uv1 = {static_cast<float>(page.x + w) / page_w, static_cast<float>(page.y + sprite_h_) / page_h};
    s.size = {static_cast<float>(w), static_cast<float>(sprite_h_)};
    s.left = static_cast<float>(pad_);
    page.x += w;
    page.used = frame_;
    page.keys.push_back(key);
    return &sprites_.emplace(std::move(key), Entry{s, index}).first->second.sprite;
}

std::string TextAtlas::json() const {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "{\"glyphs\":%zu,\"pages\":%zu,\"max_pages\":%d,\"width\":%d,\"height\":%d,\"bytes\":%zu,"
                  "\"pending\":%d,\"evictions\":%llu,\"font_px\":%g}",
                  sprites_.size(), pages_.size(), max_pages, page_w, page_h,
                  pages_.size() * static_cast<std::size_t>(page_w) * page_h * 4, pending_,
                  static_cast<unsigned long long>(evictions_), static_cast<double>(px_));
    return buf;
}

}  // namespace chitchat::client
