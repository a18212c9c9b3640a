// The emoji picker of React: the common emoji first, each with the words a filter box matches
// ("thumbs", "heart", "party"); Enter takes the first one shown, Escape closes.
#include <imgui.h>  // before imgui_stdlib.h, which needs it
#include <misc/cpp/imgui_stdlib.h>

#include <string>
#include <vector>

#include "chitchat/text.hpp"
#include "rich_text.hpp"
#include "ui.hpp"

namespace chitchat::ui {
namespace {

struct Choice {
    const char* emoji;
    const char* words;
};

constexpr Choice choices[] = {
    {"👍", "thumbs up yes ok like +1"}, {"❤️", "heart love red"},       {"😂", "joy laugh tears lol"},
    {"🎉", "party tada celebrate"},      {"😮", "wow surprised open mouth"}, {"😢", "sad cry tear"},
    {"🙏", "pray thanks please"},         {"🔥", "fire hot lit"},            {"👀", "eyes look see"},
    {"✅", "check done yes"},             {"👏", "clap applause bravo"},     {"😀", "grin smile happy"},
    {"😊", "blush smile happy"},          {"😍", "heart eyes love"},         {"🤔", "thinking hmm"},
    {"😎", "cool sunglasses"},            {"🙌", "raised hands hooray"},     {"💯", "hundred perfect"},
    {"🚀", "rocket launch ship"},         {"⭐", "star favourite"},          {"👎", "thumbs down no dislike -1"},
    {"😡", "angry mad"},                  {"🤝", "handshake deal agree"},    {"💪", "strong muscle"},
    {"☕", "coffee tea cafe"},             {"🍕", "pizza food"},              {"🎂", "cake birthday"},
    {"✨", "sparkles shiny"},              {"😅", "sweat smile phew"},        {"🤣", "rofl rolling laugh"},
    {"😴", "sleep tired zzz"},            {"🥳", "party face celebrate"},    {"🤯", "mind blown"},
    {"👋", "wave hello hi bye"},          {"💡", "idea bulb"},               {"❓", "question"},
};

std::vector<const Choice*> matching(const std::string& filter) {
    std::vector<const Choice*> shown;
    const std::string want = text::fold_case(text::trim(filter));
    for (const Choice& c : choices)
        if (want.empty() || std::string(c.words).find(want) != std::string::npos || want == c.emoji) shown.push_back(&c);
    return shown;
}

}  // namespace

void draw_emoji_picker(Context& c) {
    auto& ui = c.ui;
    if (!ImGui::BeginPopup("emoji_picker")) return;
    const float s = ui.scale;
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(8 * 36 * s);
    const bool enter = ImGui::InputTextWithHint("##emoji_filter", "Filter: heart, party, thumbs…", &ui.picker_filter,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    c.widgets.add("emoji_filter");
    const auto shown = matching(ui.picker_filter);
    const auto pick = [&](const char* emoji) {
        c.state.toggle_reaction(ui.picker_post, emoji);
        ui.picker_post = 0;
        ui.focus_composer = true;
        ImGui::CloseCurrentPopup();
    };
    if (enter && !shown.empty()) pick(shown.front()->emoji);
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (i % 8 != 0) ImGui::SameLine();
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Button("##emoji", {36 * s, 32 * s})) pick(shown[i]->emoji);
        draw_centred(c, shown[i]->emoji, ImGui::GetStyleColorVec4(ImGuiCol_Text));
        ImGui::PopID();
        c.widgets.add(std::string("emoji:") + shown[i]->emoji);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", shown[i]->words);
    }
    if (shown.empty()) ImGui::TextColored(colors::dim, "No emoji match.");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace chitchat::ui
