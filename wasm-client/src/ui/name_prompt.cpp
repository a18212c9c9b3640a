// First visit: a centred prompt for the display name; Enter or Continue sets it.
#include <imgui.h>

#include "ui.hpp"

namespace chitchat::ui {

void draw_name_prompt(Context& c) {
    const float s = c.ui.scale;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 size{std::min(440 * s, area.x), 190 * s};
    ImGui::SetCursorPos({(ImGui::GetWindowWidth() - size.x) / 2, (ImGui::GetWindowHeight() - size.y) / 2});
    ImGui::BeginChild("name_prompt", size, true);
    ImGui::Text("Welcome to Chit-Chat");
    ImGui::PushStyleColor(ImGuiCol_Text, colors::dim);
    ImGui::TextWrapped("Choose a display name: others will see it on your messages.");
    ImGui::PopStyleColor();
    ImGui::Spacing();
    // The page's own field: a name in any script shows as it will on posts.
    bool focus = ImGui::IsWindowAppearing();
    bool submit = take_field_key(c, browser::Field::name) == static_cast<int>(browser::Listener::FieldKey::enter);
    page_field(c, browser::Field::name, "name_input", {ImGui::GetContentRegionAvail().x, ImGui::GetFrameHeight()},
               c.ui.name_input, focus);
    submit |= ImGui::Button("Continue", {-1, 0});
    c.widgets.add("name_submit");
    if (submit) c.state.set_name(c.ui.name_input);
    if (!c.state.name_error().empty()) ImGui::TextColored(colors::error, "%s", c.state.name_error().c_str());
    ImGui::EndChild();
}

}  // namespace chitchat::ui
