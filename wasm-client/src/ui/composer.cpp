// The composer: Enter sends, Shift+Enter starts a new line; Send, Attach, and an upload's
// progress with Cancel; the server's refusals are shown under it.
#include <imgui.h>  // before imgui_stdlib.h, which needs it
#include <misc/cpp/imgui_stdlib.h>

#include "browser.hpp"
#include "ui.hpp"

namespace chitchat::ui {

void draw_composer(Context& c) {
    auto& ui = c.ui;
    const float s = ui.scale;
    const ImGuiIO& io = ImGui::GetIO();
    const float buttons = 90 * s;
    // Shift+Enter is a new line: Enter returns only while Shift is up.
    const ImGuiInputTextFlags flags = io.KeyShift ? 0 : ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine;
    if (ui.focus_composer) {
        ImGui::SetKeyboardFocusHere();
        ui.focus_composer = false;
    }
    const float height = 3 * ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().FramePadding.y;
    bool send = ImGui::InputTextMultiline("##composer", &ui.composer,
                                          {ImGui::GetContentRegionAvail().x - buttons - ImGui::GetStyle().ItemSpacing.x, height},
                                          flags);
    c.widgets.add("composer");
    ImGui::SameLine();
    ImGui::BeginGroup();
    send |= ImGui::Button("Send", {buttons, 0});
    c.widgets.add("send");
    const bool uploading = c.state.upload().has_value();
    if (uploading) ImGui::BeginDisabled();
    if (ImGui::Button("Attach", {buttons, 0})) browser::pick_file();  // inside the click: the picker may open
    if (uploading) ImGui::EndDisabled();
    c.widgets.add("attach");
    ImGui::EndGroup();

    if (send) {
        c.state.send(ui.composer);
        if (c.state.composer_error().empty()) {
            ui.composer.clear();
            ui.scroll_to_bottom = true;
        }
        ui.focus_composer = true;
    }
    if (const auto& upload = c.state.upload()) {
        const float fraction = upload->size ? static_cast<float>(upload->sent) / static_cast<float>(upload->size) : 0.0f;
        const std::string label = upload->name + "  " + std::to_string(static_cast<int>(fraction * 100)) + "%";
        ImGui::ProgressBar(fraction, {ImGui::GetContentRegionAvail().x - buttons - ImGui::GetStyle().ItemSpacing.x, 0},
                           label.c_str());
        c.widgets.add("upload_progress");
        ImGui::SameLine();
        if (ImGui::Button("Cancel", {buttons, 0})) browser::cancel_upload();
        c.widgets.add("upload_cancel");
    }
    if (!c.state.composer_error().empty()) ImGui::TextColored(colors::error, "%s", c.state.composer_error().c_str());
}

}  // namespace chitchat::ui
