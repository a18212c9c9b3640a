// The channels on the left: the current one highlighted, unread counts, and "New channel".
#include <imgui.h>

#include "chitchat/validation.hpp"
#include "rich_text.hpp"
#include "ui.hpp"

namespace chitchat::ui {
namespace {

void draw_new_channel(Context& c) {
    auto& ui = c.ui;
    if (!ui.created.empty() && channel_key(c.state.channel()) == channel_key(ui.created)) {
        ui.created.clear();  // we are in it: the form is done
        ui.creating_channel = false;
        ui.new_channel.clear();
    }
    if (!ui.creating_channel) {
        if (ImGui::Button("+ New channel", {-1, 0})) {
            ui.creating_channel = true;
            ui.new_channel.clear();
            browser::set_field_text(browser::Field::channel, "");
            ui.focus_new_channel = true;
        }
        c.widgets.add("new_channel");
        return;
    }
    using Key = browser::Listener::FieldKey;
    const int key = take_field_key(c, browser::Field::channel);
    bool create = key == static_cast<int>(Key::enter);
    if (key == static_cast<int>(Key::escape)) ui.creating_channel = false;
    page_field(c, browser::Field::channel, "new_channel_input", {ImGui::GetContentRegionAvail().x, ImGui::GetFrameHeight()},
               ui.new_channel, ui.focus_new_channel);
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    create |= ImGui::Button("Create", {half, 0});
    c.widgets.add("new_channel_create");
    ImGui::SameLine();
    if (ImGui::Button("Cancel", {half, 0})) {
        ui.creating_channel = false;
        ui.created.clear();
    }
    if (create) {
        c.state.create_channel(ui.new_channel);
        if (c.state.channel_error().empty()) ui.created = validate_channel_name(ui.new_channel).value();
    }
    if (!c.state.channel_error().empty()) {
        ImGui::PushTextWrapPos();
        ImGui::TextColored(colors::error, "%s", c.state.channel_error().c_str());
        ImGui::PopTextWrapPos();
    }
}

}  // namespace

void draw_channel_list(Context& c) {
    const float s = c.ui.scale;
    ImGui::TextColored(colors::dim, "CHANNELS");
    ImGui::Separator();
    for (const auto& channel : c.state.channels()) {
        const bool current = channel.name == c.state.channel();
        ImGui::PushID(channel.name.c_str());
        if (text_selectable(c, "##channel", channel.name, current, ImGui::GetStyleColorVec4(ImGuiCol_Text)) && !current) {
            c.state.switch_channel(channel.name);
            c.ui.scroll_to_bottom = true;
        }
        c.widgets.add("channel:" + channel.name);
        if (channel.unread > 0 && !current) {
            const std::string badge = channel.unread > 99 ? "99+" : std::to_string(channel.unread);
            const ImVec2 text = ImGui::CalcTextSize(badge.c_str());
            const ImVec2 max = ImGui::GetItemRectMax();
            const ImVec2 min{max.x - text.x - 12 * s, ImGui::GetItemRectMin().y + 2 * s};
            ImDrawList* draw = ImGui::GetWindowDrawList();
            draw->AddRectFilled(min, {max.x - 2 * s, max.y - 2 * s}, ImGui::GetColorU32(colors::accent), 9 * s);
            draw->AddText({min.x + 5 * s, min.y + (max.y - min.y - 4 * s - text.y) / 2}, IM_COL32(16, 20, 28, 255),
                          badge.c_str());
        }
        ImGui::PopID();
    }
    ImGui::Spacing();
    draw_new_channel(c);
}

}  // namespace chitchat::ui
