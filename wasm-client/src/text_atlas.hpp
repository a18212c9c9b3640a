// Text drawn by the browser's own text engine: each piece of a line (a word, a CJK character, a
// part of a link) is measured and rasterised by a 2D canvas, which shapes every script, orders
// the characters inside it, and draws emoji in colour; the pixels go into a few atlas textures
// that Dear ImGui draws from like any image. No font data is downloaded: the browser's fonts are
// used, as an HTML page would.
//
// Bounds: at most `max_pages` pages of page_w x page_h RGBA (4 x 8 MiB). When every page is
// full, the page used longest ago is cleared and its pieces are drawn again when next shown.
// Rasterising is limited to a few milliseconds per frame; the rest waits for the next frame.
#pragma once
#include <GLES3/gl3.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/ui.hpp"

namespace chitchat::client {

class TextAtlas final : public ui::Glyphs {
public:
    static constexpr int page_w = 2048, page_h = 1024, max_pages = 4;

    ~TextAtlas() override;
    // The font's size and ascent in device pixels; a change starts over.
    void set_font(float px, float ascent);
    void forget() { px_ = 0; }  // the browser's fonts changed: the next set_font starts over
    void begin_frame(std::uint64_t frame, double budget_ms);

    float width(std::string_view piece) override;
    float space() override;
    std::size_t fit(std::string_view piece, float max_width) override;
    const Sprite* sprite(std::string_view piece, bool rtl, ImU32 colour) override;
    const std::vector<Caret>& carets(std::string_view piece) override;
    float line_top() const override { return static_cast<float>(top_); }

    bool pending() const { return pending_ > 0; }
    std::string json() const;  // window.chitchat.glyphs()

private:
    struct Page {
        GLuint texture = 0;
        int x = 0, y = 0;               // where the next sprite goes, on rows of sprite_h_
        std::uint64_t used = 0;         // the last frame that drew from it
        std::vector<std::string> keys;  // its sprites, to forget when it is cleared
    };
    struct Entry {
        Sprite sprite;
        int page;
    };
    int place(int w);  // a page with room for w x sprite_h_, clearing the oldest when all are full

    float px_ = 0, ascent_ = 0;
    int sprite_h_ = 0, top_ = 0, pad_ = 0;
    float space_ = 0;
    std::uint64_t frame_ = 0;
    double deadline_ms_ = 0;
    int pending_ = 0;  // pieces this frame left for the next
    std::uint64_t evictions_ = 0;
    std::vector<Page> pages_;
    std::unordered_map<std::string, Entry> sprites_;
    std::unordered_map<std::string, float> widths_;
    std::unordered_map<std::string, std::vector<Caret>> carets_;
};

}  // namespace chitchat::client
