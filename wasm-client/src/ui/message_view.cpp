// The messages of the current channel. Each message is laid out as rows of one height (a date
// separator, the sender and time, wrapped body lines, an image preview, a file chip), so that
// ImGuiListClipper draws only the visible ones. The view follows new messages while at the
// bottom; scrolled up, it stays put and offers "N new messages ↓". Reaching the top loads the
// page before (protocol 2's history), and the posts on screen stay where they are.
#include <algorithm>
#include <cmath>
#include <ctime>
#include <string>
#include <vector>

#include "browser.hpp"
#include "rich_text.hpp"
#include "ui.hpp"

namespace chitchat::ui {
namespace {

enum class RowKind { top, date, header, quote, text, editor, deleted, image, file, reactions };

struct Row {
    RowKind kind;
    int entry;                          // index in state.messages()
    int part = 0;                       // text rows: the line; image rows: the slice of the preview
    const client::TextLayout* text = nullptr;  // text rows: the body's layout
};

constexpr float preview_max_w = 320, preview_max_h = 180, preview_min_h = 32;  // CSS pixels

bool is_image(const Attachment& a) { return a.mime.rfind("image/", 0) == 0; }

std::tm local_time(std::int64_t ts_ms) {
    const std::time_t t = static_cast<std::time_t>(ts_ms / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}

std::string format(std::int64_t ts_ms, const char* pattern) {
    const std::tm tm = local_time(ts_ms);
    char buf[96];
    std::strftime(buf, sizeof buf, pattern, &tm);
    return buf;
}

std::string human_size(std::uint64_t bytes) {
    char buf[32];
    if (bytes < 1024) std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
    else if (bytes < 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024);
    else std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024 * 1024));
    return buf;
}

// The size an image preview is shown at: fitting the box, tiny images scaled up a little.
ImVec2 preview_size(const Thumbnails::Image& image, float scale) {
    const float fit = std::min(preview_max_w * scale / image.size.x, preview_max_h * scale / image.size.y);
    const float grow = preview_min_h * scale / image.size.y;
    const float k = std::max(std::min(fit, 1.0f), std::min(grow, fit));
    return {image.size.x * k, image.size.y * k};
}

std::vector<Row> layout(Context& c, float width, float row_height) {
    const client::ClientState& state = c.state;
    std::vector<Row> rows{{RowKind::top, -1}};  // "loading older…" or the channel's beginning
    std::string last_day;
    const auto& messages = state.messages();
    for (int i = 0; i < static_cast<int>(messages.size()); ++i) {
        const Message& m = messages[i].message;
        const std::string day = messages[i].pending ? last_day : format(m.ts, "%Y-%m-%d");
        if (day != last_day) rows.push_back({RowKind::date, i});
        last_day = day;
        rows.push_back({RowKind::header, i});
        if (m.deleted) {
            rows.push_back({RowKind::deleted, i});
            continue;
        }
        if (m.reply_to) rows.push_back({RowKind::quote, i});
        if (c.ui.editing == m.id && !messages[i].pending) rows.push_back({RowKind::editor, i});
        else if (!m.body.empty()) {
            const client::TextLayout& text = c.text.lay_out(m.body, width);
            for (int k = 0; k < static_cast<int>(text.lines.size()); ++k) rows.push_back({RowKind::text, i, k, &text});
        }
        if (m.attachment) {
            if (is_image(*m.attachment) && !messages[i].pending) {
                const auto* image = c.thumbnails.get(m.attachment->url);
                const int count = image ? static_cast<int>(std::ceil(preview_size(*image, c.ui.scale).y / row_height)) : 1;
                for (int k = 0; k < count; ++k) rows.push_back({RowKind::image, i, k});
            }
            rows.push_back({RowKind::file, i});
        }
        if (!m.reactions.empty()) rows.push_back({RowKind::reactions, i});
    }
    return rows;
}

void draw_top_row(Context& c) {
    if (c.state.loading_older()) ImGui::TextColored(colors::dim, "Loading older messages…");
    else if (!c.state.has_older() && !c.state.messages().empty())
        label(c, "The beginning of #" + c.state.channel() + ".", colors::dim);
}

void draw_row(Context& c, const Row& row, float indent, float width, float row_height, bool first_visible) {
    if (row.kind == RowKind::top) return draw_top_row(c);
    const client::Entry& e = c.state.messages()[row.entry];
    const Message& m = e.message;
    const float s = c.ui.scale;
    switch (row.kind) {
    case RowKind::top:
        break;
    case RowKind::date: {
        const std::string label = format(m.ts, "%A %d %B %Y");
        const float w = ImGui::GetContentRegionAvail().x;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float y = p.y + row_height / 2;
        const float tw = ImGui::CalcTextSize(label.c_str()).x;
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImU32 line = ImGui::GetColorU32(ImGuiCol_Separator);
        draw->AddLine({p.x, y}, {p.x + (w - tw) / 2 - 8 * s, y}, line);
        draw->AddLine({p.x + (w + tw) / 2 + 8 * s, y}, {p.x + w, y}, line);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (w - tw) / 2);
        ImGui::TextColored(colors::dim, "%s", label.c_str());
        break;
    }
    case RowKind::header: {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
        label(c, m.sender, e.mine ? colors::mine : colors::accent);
        if (!e.pending) c.widgets.add("sender:" + std::to_string(m.id));
        ImGui::SameLine();
        if (e.pending) {
            ImGui::TextColored(colors::dim, "sending…");
        } else {
            ImGui::TextColored(colors::dim, "%s", format(m.ts, "%H:%M").c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", format(m.ts, "%A %d %B %Y, %H:%M:%S").c_str());
            if (m.edited_ts) {
                ImGui::SameLine();
                ImGui::TextColored(colors::dim, "(edited)");
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("Edited %s", format(*m.edited_ts, "%A %d %B %Y, %H:%M:%S").c_str());
            }
            draw_hover_actions(c, e);
        }
        break;
    }
    case RowKind::quote:
        draw_quote(c, m, indent);
        break;
    case RowKind::editor:
        draw_editor(c, m, indent);
        break;
    case RowKind::deleted:
        draw_deleted(indent);
        break;
    case RowKind::reactions:
        draw_reactions(c, m, indent);
        break;
    case RowKind::text:
        draw_post_line(c, e, *row.text, row.part, indent, width);
        break;
    case RowKind::image: {
        // The preview is drawn by its first row, or by whichever of its rows is the first visible.
        if (row.part != 0 && !first_visible) break;
        const auto* image = c.thumbnails.get(m.attachment->url);
        if (!image) {
            if (row.part == 0) {
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
                ImGui::TextColored(colors::dim, "loading preview…");
            }
            break;
        }
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - row.part * row_height);
        ImGui::PushID(row.entry);
        if (ImGui::ImageButton(image->texture, preview_size(*image, s), {0, 0}, {1, 1}, 0))
            browser::open(m.attachment->url);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open %s", m.attachment->name.c_str());
        ImGui::PopID();
        break;
    }
    case RowKind::file: {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
        const std::string chip = m.attachment->name + "  ·  " + human_size(m.attachment->size);
        ImGui::PushID(row.entry);
        if (text_button(c, "##file", chip) && !e.pending) browser::open(m.attachment->url);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open in a new tab");
        ImGui::PopID();
        break;
    }
    }
}

// Which post the mouse is over (its actions show), or the keyboard chose (outlined); a right
// click there opens its menu.
void track_pointer(Context& c, std::uint64_t id, float row_height) {
    auto& ui = c.ui;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 end{p.x + ImGui::GetContentRegionAvail().x, p.y + row_height};
    if (id == ui.selected_post || id == ui.hovered_post)
        ImGui::GetWindowDrawList()->AddRectFilled(p, end, ImGui::GetColorU32(ImGuiCol_HeaderHovered,
                                                                             id == ui.selected_post ? 0.35f : 0.12f));
    if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) || !ImGui::IsMouseHoveringRect(p, end))
        return;
    ui.hovered_next = id;
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
        ui.menu_post = id;
        ui.open_menu = true;
    }
}

// The row of a post's header, or -1.
int header_row(const Context& c, const std::vector<Row>& rows, std::uint64_t id) {
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
        const Row& r = rows[i];
        if (r.kind == RowKind::header && !c.state.messages()[r.entry].pending && c.state.messages()[r.entry].message.id == id)
            return i;
    }
    return -1;
}

// Keeps the view on the posts it showed when older ones are added above them, brings a chosen
// search result into sight, and asks for the page before when the top is reached.
void place_view(Context& c, const std::vector<Row>& rows, float row_height) {
    auto& ui = c.ui;
    const auto& messages = c.state.messages();
    const std::uint64_t first = messages.empty() || messages.front().pending ? 0 : messages.front().message.id;
    if (ui.anchor_id != 0 && first != ui.anchor_id) {
        const int row = header_row(c, rows, ui.anchor_id);
        if (row >= 0 && row != ui.anchor_row) {
            ImGui::SetScrollY(ImGui::GetScrollY() + static_cast<float>(row - ui.anchor_row) * row_height);
            ui.animating = true;
        }
    }
    ui.anchor_id = first;
    ui.anchor_row = first ? header_row(c, rows, first) : 0;

    if (const auto id = c.state.highlight()) {
        const int row = header_row(c, rows, *id);
        if (row >= 0) {
            ImGui::SetScrollY(std::max(0.0f, static_cast<float>(row) * row_height - ImGui::GetWindowHeight() / 3));
            ui.highlighted = *id;
            ui.highlight_until_ms = ui.now_ms + 3000;
            ui.scroll_to_bottom = false;
            ui.at_bottom = false;
            ui.animating = true;
        }
        c.state.highlight_shown();
    }
    // The top row is in sight: the page before (once the view has settled on this channel, at
    // its end: scrolling to the end takes a frame or two).
    if (ui.frames_in_channel < 3) {
        ++ui.frames_in_channel;
        ui.animating = true;
        return;
    }
    // Following the end (as when the first posts arrive) is not reading up; a channel whose posts
    // do not fill the view loads the page before at once.
    const bool fits = static_cast<float>(rows.size()) * row_height <= ImGui::GetWindowHeight();
    const bool at_top = ImGui::GetScrollY() < 2 * row_height && !ui.at_bottom && !ui.scroll_to_bottom;
    if ((at_top || fits) && c.state.has_older()) c.state.load_older();
}

}  // namespace

void draw_message_view(Context& c) {
    auto& ui = c.ui;
    const auto& messages = c.state.messages();
    if (ui.shown_channel != c.state.channel()) {
        ui.shown_channel = c.state.channel();
        ui.scroll_to_bottom = true;
        ui.seen_last_id = 0;
        ui.anchor_id = 0;
        ui.frames_in_channel = 0;
    }
    const float s = ui.scale;
    const float indent = 10 * s;
    const float row_height = ImGui::GetTextLineHeightWithSpacing();
    const float width = ImGui::GetContentRegionAvail().x - indent - ImGui::GetStyle().ScrollbarSize;
    const std::vector<Row> rows = layout(c, width, row_height);

    // Where the view was at the end of the last frame decides whether it follows.
    ui.at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - row_height / 2;
    place_view(c, rows, row_height);
    std::uint64_t newest = 0;
    for (const auto& e : messages)
        if (!e.pending) newest = std::max(newest, e.message.id);
    if (ui.at_bottom || ui.scroll_to_bottom) {
        ui.seen_last_id = newest;
        c.state.mark_seen();
    }
    const bool highlighting = ui.now_ms < ui.highlight_until_ms;
    if (highlighting) ui.animating = true;

    if (messages.empty())
        label(c, "No messages in #" + c.state.channel() + " yet. Say hello!", colors::dim);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), row_height);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Row& row = rows[i];
            const float y = ImGui::GetCursorPosY();
            if (highlighting && row.entry >= 0 && row.kind != RowKind::date && !messages[row.entry].pending &&
                messages[row.entry].message.id == ui.highlighted) {
                const ImVec2 p = ImGui::GetCursorScreenPos();
                ImGui::GetWindowDrawList()->AddRectFilled({p.x, p.y}, {p.x + ImGui::GetContentRegionAvail().x, p.y + row_height},
                                                          ImGui::GetColorU32(colors::highlight));
            }
            if (row.entry >= 0 && c.state.messages()[row.entry].mine && row.kind != RowKind::date) {
                const ImVec2 p = ImGui::GetCursorScreenPos();
                ImGui::GetWindowDrawList()->AddRectFilled({p.x, p.y}, {p.x + 3 * s, p.y + row_height},
                                                          ImGui::GetColorU32(colors::mine));
            }
            if (row.entry >= 0 && row.kind != RowKind::date && !messages[row.entry].pending)
                track_pointer(c, messages[row.entry].message.id, row_height);
            draw_row(c, row, indent, width, row_height, i == clipper.DisplayStart);
            ImGui::SetCursorPosY(y + row_height);
        }
    }
    clipper.End();
    finish_post_text(c);
    ui.hovered_post = ui.hovered_next;
    ui.hovered_next = 0;
    handle_message_keys(c);

    const bool follow = ui.at_bottom || ui.scroll_to_bottom;
    if (follow) ImGui::SetScrollHereY(1.0f);
    ui.scroll_to_bottom = false;

    const auto unseen = static_cast<std::size_t>(std::count_if(messages.begin(), messages.end(), [&](const client::Entry& e) {
        return !e.pending && e.message.id > ui.seen_last_id;
    }));
    if (!follow && unseen > 0) {
        const std::string label = std::to_string(unseen) + (unseen == 1 ? " new message ↓" : " new messages ↓");
        const ImVec2 size = ImGui::CalcTextSize(label.c_str());
        ImGui::SetCursorPos({ImGui::GetScrollX() + (ImGui::GetWindowWidth() - size.x) / 2 - 10 * s,
                             ImGui::GetScrollY() + ImGui::GetWindowHeight() - size.y - 24 * s});
        if (ImGui::Button(label.c_str())) ui.scroll_to_bottom = true;
        c.widgets.add("jump_to_new");
    }
}

}  // namespace chitchat::ui
