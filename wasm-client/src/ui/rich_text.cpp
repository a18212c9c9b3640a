#include "rich_text.hpp"

#include <imgui_internal.h>  // the line's text offset, for labels beside buttons

#include <algorithm>
#include <cmath>
#include <limits>

namespace chitchat::ui {
namespace {

constexpr float unbounded = 1e9f;
constexpr std::size_t max_layouts = 4000;

}  // namespace

void Text::begin_frame() {
    if (layouts_.size() < max_layouts) return;
    for (auto it = layouts_.begin(); it != layouts_.end();) {
        if (it->second.used) (it++)->second.used = false;
        else it = layouts_.erase(it);
    }
}

const client::TextLayout& Text::lay_out(std::string_view text, float width) {
    std::string key(text);
    key.push_back('\0');
    key += std::to_string(static_cast<int>(width));
    auto it = layouts_.find(key);
    if (it == layouts_.end()) it = layouts_.emplace(std::move(key), Cached{client::lay_out_text(text, width, glyphs_)}).first;
    it->second.used = true;
    return it->second.layout;
}

float Text::width(std::string_view text) {
    const auto& layout = lay_out(text, unbounded);
    return layout.lines.empty() ? 0 : layout.lines.front().width;
}

float Text::caret_x(std::string_view text, const client::TextRun& run, std::size_t at) {
    if (at <= run.begin) return run.rtl ? run.x + run.width : run.x;
    if (at >= run.end) return run.rtl ? run.x : run.x + run.width;
    float before = 0;
    for (const auto& caret : glyphs_.carets(text.substr(run.begin, run.end - run.begin))) {
        if (run.begin + caret.bytes > at) break;
        before = caret.x;
    }
    return run.rtl ? run.x + run.width - before : run.x + before;
}

std::size_t Text::hit(std::string_view text, const client::TextLine& line, float x) {
    if (line.runs.empty()) return line.begin;
    const client::TextRun* best = &line.runs.front();
    float distance = std::numeric_limits<float>::max();
    for (const auto& run : line.runs) {
        const float d = x < run.x ? run.x - x : x > run.x + run.width ? x - run.x - run.width : 0;
        if (d < distance) distance = d, best = &run;
    }
    const float local = best->rtl ? best->x + best->width - x : x - best->x;
    std::size_t at = best->begin;
    float nearest = std::numeric_limits<float>::max();
    for (const auto& caret : glyphs_.carets(text.substr(best->begin, best->end - best->begin))) {
        if (std::fabs(caret.x - local) < nearest) nearest = std::fabs(caret.x - local), at = best->begin + caret.bytes;
    }
    return at;
}

void Text::draw_line(ImDrawList* draw, ImVec2 at, float box_width, std::string_view text, const client::TextLine& line,
                     const Style& style) {
    const float left = std::round(line_left(line, at.x, box_width));
    const float height = ImGui::GetTextLineHeight();
    const auto highlight = [&](std::size_t from, std::size_t to, ImU32 colour, float rounding) {
        for (const auto& run : line.runs) {
            if (run.end <= from || run.begin >= to) continue;
            float a = caret_x(text, run, from), b = caret_x(text, run, to);
            if (a > b) std::swap(a, b);
            draw->AddRectFilled({left + a, at.y}, {left + b, at.y + height}, colour, rounding);
        }
    };
    if (style.marks)
        for (const auto& [from, to] : *style.marks) highlight(from, to, style.mark_colour, 3);
    if (style.select_end > style.select_begin)
        highlight(style.select_begin, style.select_end, ImGui::GetColorU32(ImGuiCol_TextSelectedBg), 0);
    const float top = std::round(at.y) - glyphs_.line_top();
    for (const auto& run : line.runs) {
        const bool link = run.link >= 0;
        const ImU32 colour = link ? style.link_colour : style.colour;
        const Glyphs::Sprite* s = glyphs_.sprite(text.substr(run.begin, run.end - run.begin), run.rtl, colour);
        const float x = std::round(left + run.x);
        if (s) draw->AddImage(s->texture, {x - s->left, top}, {x - s->left + s->size.x, top + s->size.y}, s->uv0, s->uv1);
        if (link && run.link == style.underline_link)
            draw->AddLine({x, at.y + height}, {x + run.width, at.y + height}, colour, std::max(1.0f, height / 16));
    }
}

void label(Context& c, std::string_view text, const ImVec4& colour) {
    // Spaces at either end count (a label may be a piece of a line, as in a search snippet).
    const std::size_t lead = std::min(text.find_first_not_of(' '), text.size());
    const std::size_t trail = text.size() - lead - text.substr(lead).find_last_not_of(' ') - 1;
    const float space = c.text.glyphs().space();
    const float w = c.text.width(text) + static_cast<float>(lead + (lead < text.size() ? trail : 0)) * space;
    ImVec2 at = ImGui::GetCursorScreenPos();
    at.y += ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset;  // as ImGui::Text on a line of frames
    at.x += static_cast<float>(lead) * space;
    ImGui::Dummy({w, ImGui::GetTextLineHeight()});
    if (!ImGui::IsItemVisible()) return;
    const auto& layout = c.text.lay_out(text, unbounded);
    if (layout.lines.empty()) return;
    Text::Style style;
    style.colour = style.link_colour = ImGui::ColorConvertFloat4ToU32(colour);
    c.text.draw_line(ImGui::GetWindowDrawList(), at, w, text, layout.lines.front(), style);
}

void draw_centred(Context& c, std::string_view text, ImVec4 colour) {
    const auto& layout = c.text.lay_out(text, unbounded);
    if (layout.lines.empty()) return;
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const auto& line = layout.lines.front();
    const ImVec2 at{(min.x + max.x - line.width) / 2, (min.y + max.y - ImGui::GetTextLineHeight()) / 2};
    Text::Style style;
    style.colour = style.link_colour = ImGui::ColorConvertFloat4ToU32(colour);
    c.text.draw_line(ImGui::GetWindowDrawList(), at, line.width, text, line, style);
}

bool text_button(Context& c, const char* id, std::string_view text, bool small) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float pad_y = small ? 0 : st.FramePadding.y;
    const ImVec2 size{c.text.width(text) + 2 * st.FramePadding.x, ImGui::GetTextLineHeight() + 2 * pad_y};
    if (small) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {st.FramePadding.x, 0});
    const bool clicked = ImGui::Button(id, size);
    if (small) ImGui::PopStyleVar();
    draw_centred(c, text, ImGui::GetStyleColorVec4(ImGuiCol_Text));
    return clicked;
}

bool text_selectable(Context& c, const char* id, std::string_view text, bool selected, const ImVec4& colour) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::Selectable(id, selected);
    const auto& layout = c.text.lay_out(text, unbounded);
    if (!layout.lines.empty() && ImGui::IsItemVisible()) {
        Text::Style style;
        style.colour = style.link_colour = ImGui::ColorConvertFloat4ToU32(colour);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->PushClipRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true);
        c.text.draw_line(draw, at, layout.lines.front().width, text, layout.lines.front(), style);
        draw->PopClipRect();
    }
    return clicked;
}

void text_tooltip(Context& c, std::string_view text) {
    ImGui::BeginTooltip();
    label(c, text, ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::EndTooltip();
}

}  // namespace chitchat::ui
