// The room a view leaves for one of the page's own text fields (browser::Field): a frame like
// ImGui's, the field placed over it; while a popup or the search window covers it, the field is
// hidden and its text drawn in its place.
#include <algorithm>
#include <utility>

#include "browser.hpp"
#include "rich_text.hpp"
#include "ui.hpp"

namespace chitchat::ui {

void page_field(Context& c, browser::Field field, const char* widget, ImVec2 size, const std::string& text, bool& focus,
                float line_spacing) {
    auto& ui = c.ui;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    c.widgets.add(widget);
    const ImVec2 max{min.x + size.x, min.y + size.y};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = ImGui::GetStyle().FrameRounding;
    draw->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg), rounding);
    if (ui.field_focused[static_cast<int>(field)])
        draw->AddRect(min, max, ImGui::GetColorU32(ImVec4{colors::accent.x, colors::accent.y, colors::accent.z, 0.6f}), rounding, 0,
                      ui.scale);
    const bool covered = (ui.search_open && field != browser::Field::search) || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    if (!covered) {
        browser::place_field(field, min.x, min.y, size.x, size.y, ui.scale);
        if (focus) browser::focus_field(field);
        focus = false;
        return;
    }
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const auto& layout = c.text.lay_out(text, size.x - 2 * pad.x);
    Text::Style style;
    style.colour = style.link_colour = ImGui::GetColorU32(ImGuiCol_Text);
    const float step = ImGui::GetTextLineHeight() * line_spacing;
    const int lines = std::max(1, static_cast<int>((size.y - 2 * pad.y) / step));
    for (int i = 0; i < static_cast<int>(layout.lines.size()) && i < lines; ++i)
        c.text.draw_line(draw, {min.x + pad.x, min.y + pad.y + i * step}, size.x - 2 * pad.x, text, layout.lines[i], style);
}

int take_field_key(Context& c, browser::Field field) {
    return std::exchange(c.ui.field_key[static_cast<int>(field)], 0);
}

}  // namespace chitchat::ui
