// First visit: a centred prompt for the display name.
#include <imgui.h>  // before imgui_stdlib.h, which needs it
#include <misc/cpp/imgui_stdlib.h>

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
    ImGui::SetNextItemWidth(-1);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    bool submit = ImGui::InputTextWithHint("##name", "Your name", &c.ui.name_input, ImGuiInputTextFlags_EnterReturnsTrue);
    c.widgets.add("name_input");
    if (submit) ImGui::SetKeyboardFocusHere(-1);
    submit |= ImGui::Button("Continue", {-1, 0});
    c.widgets.add("name_submit");
    if (submit) c.state.set_name(c.ui.name_input);
    if (!c.state.name_error().empty()) ImGui::TextColored(colors::error, "%s", c.state.name_error().c_str());
    ImGui::EndChild();
}

}  // namespace chitchat::ui
