// Text that people wrote (bodies, names, channel names, emoji), laid out by client::lay_out_text
// and drawn from the Glyphs atlas, in place of Dear ImGui's own font, which has only the few
// scripts compiled into the client. Labels and buttons here work like ImGui's, with such text.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ui.hpp"

namespace chitchat::ui {

class Text {
public:
    explicit Text(Glyphs& glyphs) : glyphs_(glyphs) {}
    Glyphs& glyphs() { return glyphs_; }
    void begin_frame();  // the layouts kept stay valid until the next call
    void forget() { layouts_.clear(); }  // the widths changed

    // Lines that fit `width` (cached: laying out happens when the text or the width changes).
    const client::TextLayout& lay_out(std::string_view text, float width);
    float width(std::string_view text);  // of its first line, unwrapped

    struct Style {
        ImU32 colour = 0;
        ImU32 link_colour = 0;
        int underline_link = -1;                    // the hovered link
        std::size_t select_begin = 0, select_end = 0;  // a selected byte range
        const std::vector<std::pair<std::size_t, std::size_t>>* marks = nullptr;  // highlighted byte ranges
        ImU32 mark_colour = 0;
    };
    // One line with its left end at `at`; a right-to-left line is aligned to at.x + box_width.
    void draw_line(ImDrawList* draw, ImVec2 at, float box_width, std::string_view text, const client::TextLine& line,
                   const Style& style);
    // Where a line's left end is drawn.
    static float line_left(const client::TextLine& line, float x, float box_width) {
        return line.rtl ? x + box_width - line.width : x;
    }
    // The x of a byte offset inside a run, from the line's left end.
    float caret_x(std::string_view text, const client::TextRun& run, std::size_t at);
    // The byte offset nearest to x (from the line's left end).
    std::size_t hit(std::string_view text, const client::TextLine& line, float x);

private:
    struct Cached {
        client::TextLayout layout;
        bool used = true;
    };
    Glyphs& glyphs_;
    std::unordered_map<std::string, Cached> layouts_;
};

// ImGui::TextUnformatted for people's text: one line at the cursor, an item of its size.
void label(Context& c, std::string_view text, const ImVec4& colour);
// A button whose label is people's text (a reaction, an emoji, a file name); `id` keeps it apart.
bool text_button(Context& c, const char* id, std::string_view text, bool small = true);
// A selectable row (a channel in the list) labelled with people's text.
bool text_selectable(Context& c, const char* id, std::string_view text, bool selected, const ImVec4& colour);
// People's text centred in the last item (a button drawn without a label).
void draw_centred(Context& c, std::string_view text, ImVec4 colour);
// A tooltip holding people's text.
void text_tooltip(Context& c, std::string_view text);

}  // namespace chitchat::ui
