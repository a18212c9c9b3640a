// The header: the connection icon, the channel's name, who is online and who you are.
#include <cmath>

#include "rich_text.hpp"
#include "ui.hpp"

namespace chitchat::ui {
namespace {

constexpr float pi = 3.14159265f;

// Green while connected (a ring spreads out after activity), yellow with a turning arc while
// the connection has trouble.
void draw_status_icon(Context& c) {
    const float s = c.ui.scale;
    const float r = 7 * s;
    const ImVec2 size{2 * r + 8 * s, ImGui::GetFrameHeight()};
    ImGui::InvisibleButton("status", size);
    c.widgets.add("status_icon");
    const ImVec2 center{ImGui::GetItemRectMin().x + size.x / 2, ImGui::GetItemRectMin().y + size.y / 2};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const double t = c.ui.now_ms / 1000.0;
    const auto status = c.state.status();
    if (status == client::Status::connected) {
        draw->AddCircleFilled(center, r * 0.75f, ImGui::GetColorU32(colors::ok));
        const double left = c.ui.activity_until_ms - c.ui.now_ms;
        if (left > 0) {
            const float phase = 1.0f - static_cast<float>(left / 800.0);
            ImVec4 ring = colors::ok;
            ring.w = 1.0f - phase;
            draw->AddCircle(center, r * (0.75f + 0.6f * phase), ImGui::GetColorU32(ring), 0, 2 * s);
            c.ui.animating = true;
        }
    } else {
        draw->AddCircleFilled(center, r * 0.55f, ImGui::GetColorU32(colors::warning));
        const float a = static_cast<float>(std::fmod(t * 2 * pi, 2 * pi));
        draw->PathArcTo(center, r, a, a + 1.5f * pi, 24);
        draw->PathStroke(ImGui::GetColorU32(colors::warning), 0, 2 * s);
        c.ui.animating = true;
    }
    if (ImGui::IsItemHovered()) {
        if (status == client::Status::connected) {
            if (auto rtt = c.state.rtt_ms()) ImGui::SetTooltip("Connected · round trip %.0f ms", *rtt);
            else ImGui::SetTooltip("Connected");
        } else {
            ImGui::SetTooltip(status == client::Status::connecting ? "Connecting…"
                                                                    : "Connection issues: reconnecting…");
        }
    }
}

}  // namespace

void draw_header(Context& c) {
    ImGui::AlignTextToFramePadding();
    draw_status_icon(c);
    ImGui::SameLine();
    label(c, "# " + c.state.channel(), ImGui::GetStyleColorVec4(ImGuiCol_Text));

    const std::string online = std::to_string(c.state.online()) + " online";
    const std::string me = c.state.user().value_or("");
    const char* search = "Search (Ctrl+K)";
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right = ImGui::CalcTextSize(online.c_str()).x + c.text.width(me) +
                        ImGui::CalcTextSize(search).x + 2 * style.FramePadding.x + 4 * style.ItemSpacing.x;
    ImGui::SameLine();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - right));
    if (ImGui::Button(search)) {
        c.ui.search_open = !c.ui.search_open;
        c.ui.focus_search = c.ui.search_open;
    }
    c.widgets.add("search_button");
    ImGui::SameLine();
    ImGui::TextColored(colors::ok, "%s", online.c_str());
    c.widgets.add("online_count");
    ImGui::SameLine();
    label(c, me, colors::mine);
    c.widgets.add("user_name");

    if (c.state.status() == client::Status::reconnecting)
        ImGui::TextColored(colors::warning, "Connection lost. Reconnecting… messages you send now will wait and go out after.");
    if (c.state.gap_notice() > 0) {
        ImGui::TextColored(colors::warning, "%llu messages expired while you were away.",
                           static_cast<unsigned long long>(c.state.gap_notice()));
        ImGui::SameLine();
        if (ImGui::SmallButton("OK")) c.state.clear_gap_notice();
    }
    if (!c.state.banner().empty()) {
        ImGui::TextColored(colors::error, "%s", c.state.banner().c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Dismiss")) c.state.dismiss_error();
    }
}

}  // namespace chitchat::ui
