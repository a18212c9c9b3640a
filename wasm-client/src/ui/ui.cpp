// The layout: a prompt for a name, or the channel list beside the header, messages and composer.
#include "ui.hpp"

namespace chitchat::ui {

void apply_theme(float scale) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 0;
    style.ChildRounding = 6;
    style.FrameRounding = 5;
    style.GrabRounding = 5;
    style.FramePadding = {8, 6};
    style.ItemSpacing = {8, 6};
    style.WindowPadding = {12, 12};
    style.WindowBorderSize = 0;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = {0.106f, 0.114f, 0.137f, 1};
    c[ImGuiCol_ChildBg] = {0.133f, 0.141f, 0.169f, 1};
    c[ImGuiCol_FrameBg] = {0.176f, 0.188f, 0.224f, 1};
    c[ImGuiCol_Header] = {0.24f, 0.33f, 0.50f, 1};
    c[ImGuiCol_HeaderHovered] = {0.28f, 0.38f, 0.58f, 1};
    c[ImGuiCol_Button] = {0.22f, 0.36f, 0.60f, 1};
    c[ImGuiCol_ButtonHovered] = {0.27f, 0.43f, 0.70f, 1};
    style.ScaleAllSizes(scale);
}

void draw(Context& c) {
    c.widgets.clear();
    c.ui.animating = false;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("Chit-Chat", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (!c.state.welcomed()) {
        const char* text = "Connecting to Chit-Chat…";
        const ImVec2 size = ImGui::CalcTextSize(text);
        ImGui::SetCursorPos({(viewport->Size.x - size.x) / 2, (viewport->Size.y - size.y) / 2});
        ImGui::TextColored(colors::dim, "%s", text);
    } else if (c.state.needs_name()) {
        draw_name_prompt(c);
    } else {
        const float s = c.ui.scale;
        ImGui::BeginChild("channels", {240 * s, 0}, true);
        draw_channel_list(c);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginGroup();
        draw_header(c);
        const ImGuiStyle& style = ImGui::GetStyle();
        const float below = composer_height() + style.ItemSpacing.y +
                                      (c.state.upload() ? ImGui::GetFrameHeightWithSpacing() : 0) +
                                      (c.state.composer_error().empty() ? 0 : ImGui::GetTextLineHeightWithSpacing()) +
                                      (c.state.replying() ? ImGui::GetTextLineHeightWithSpacing() : 0);
        ImGui::BeginChild("messages", {0, -below}, true);
        draw_message_view(c);
        ImGui::EndChild();
        draw_composer(c);
        ImGui::EndGroup();
        draw_message_popups(c);
    }
    ImGui::End();
    if (c.state.welcomed() && !c.state.needs_name()) draw_search(c);
}

}  // namespace chitchat::ui
