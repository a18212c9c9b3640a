#include "app.hpp"

#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImGui::ClearActiveID
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "automation.hpp"

extern "C" const unsigned char chitchat_font_data[];
extern "C" const unsigned int chitchat_font_size;

namespace chitchat::client {
namespace {

constexpr float font_px = 16;
constexpr int thumbnail_px = 320;
constexpr double resend_every_ms = 5000;
constexpr double text_budget_ms = 4;  // rasterising per frame; what does not fit waits a frame

EM_JS(void, js_set_canvas_size, (int width, int height), { Browser.setCanvasSize(width, height); });

Saved load_saved() {
    Saved saved;
    if (auto name = browser::load("name"); !name.empty()) saved.name = name;
    if (auto channel = browser::load("channel"); !channel.empty()) saved.channel = channel;
    std::istringstream seen(browser::load("seen"));
    for (std::string line; std::getline(seen, line);) {
        const auto tab = line.find('\t');
        if (tab != std::string::npos) saved.seen[line.substr(0, tab)] = std::strtoull(line.c_str() + tab + 1, nullptr, 10);
    }
    saved.outbox = decode_outbox(browser::load("outbox"));
    saved.changes = decode_changes(browser::load("changes"));
    return saved;
}

}  // namespace

App::App(GLFWwindow* window)
    : window_(window),
      state_([] { return browser::random_id(); }, load_saved()),
      connection_(*this, browser::websocket_url()),
      thumbnails_([](const std::string& url) { browser::load_thumbnail(url, thumbnail_px); }) {}

void App::start() {
    browser::listen_to_wheel();
    resize();
    connection_.connect();
    emscripten_set_interval(&App::on_heartbeat, 1000, this);
    request_frames();
}

// ---------------------------------------------------------------- drawing on demand

void App::request_frames(int count) {
    frames_wanted_ = std::max(frames_wanted_, count);
    if (loop_running_) return;
    loop_running_ = true;
    emscripten_request_animation_frame_loop(&App::on_animation_frame, this);
}

EM_BOOL App::on_animation_frame(double, void* self) {
    auto* app = static_cast<App*>(self);
    if (app->frames_wanted_ <= 0 && !app->ui_.animating) {
        app->loop_running_ = false;
        return EM_FALSE;  // idle: no more frames until an event asks for them
    }
    app->frames_wanted_ = std::max(0, app->frames_wanted_ - 1);
    app->frame();
    return EM_TRUE;
}

void App::on_key(int key, int action) {
    if (action != GLFW_REPEAT) keys_.on_key(key, action == GLFW_PRESS);
    request_frames();
}

void App::frame() {
    const double start = browser::now_ms();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    keys_.begin_frame(ImGui::GetIO());
    ImGui::NewFrame();
    atlas_.set_font(ImGui::GetFontSize(), ImGui::GetFont()->Ascent);
    atlas_.begin_frame(static_cast<std::uint64_t>(frames_drawn_), text_budget_ms);
    text_.begin_frame();
    ui_.scale = scale_;
    ui_.now_ms = browser::now_ms();
    ui::Context context{state_, ui_, widgets_, thumbnails_, text_};
    ui::draw(context);
    if (const int cursor = ImGui::GetMouseCursor(); cursor != cursor_) browser::set_cursor(cursor_ = cursor);
    browser::end_fields_frame();
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.106f, 0.114f, 0.137f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    keys_.end_frame(ImGui::GetIO());
    if (frames_drawn_++ == 0) browser::first_frame();

    const bool want_text = ImGui::GetIO().WantTextInput;
    if (want_text != text_input_active_) browser::set_text_input(text_input_active_ = want_text);
    if (atlas_.pending()) request_frames(1);  // the text it had no time for
    send_outgoing();
    save_if_changed();
    longest_frame_ms_ = std::max(longest_frame_ms_, browser::now_ms() - start);
}

// The canvas follows the window, at the screen's own pixel density.
void App::resize() {
    double css_width = 0, css_height = 0;
    emscripten_get_element_css_size("#canvas", &css_width, &css_height);
    const float dpr = static_cast<float>(browser::device_pixel_ratio());
    js_set_canvas_size(static_cast<int>(std::lround(css_width * dpr)), static_cast<int>(std::lround(css_height * dpr)));
    if (dpr != scale_) {
        scale_ = dpr;
        load_fonts();
        ui::apply_theme(scale_);
    }
    request_frames();
}

void App::load_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the font is static data in the binary
    config.OversampleH = 1;  // crisp enough at the screen's own density, and a faster first frame
    config.PixelSnapH = true;
    // The interface's own labels only: people's text is drawn by the browser (text_atlas.hpp)
    // and typed into the page's fields, so a small font builds fast for the first frame.
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x2193, 0};
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(chitchat_font_data), static_cast<int>(chitchat_font_size),
                                   std::round(font_px * scale_), &config, ranges);
    ImGui_ImplOpenGL3_DestroyDeviceObjects();  // the next frame uploads the new atlas
}

// ---------------------------------------------------------------- the connection

void App::on_open() {
    state_.connection_opened();
    request_frames();
}

void App::on_frame(std::string_view text) {
    const double start = browser::now_ms();
    handle_frame(text);
    longest_message_ms_ = std::max(longest_message_ms_, browser::now_ms() - start);
}

void App::handle_frame(std::string_view text) {
    auto decoded = proto::decode_server(text);
    if (!decoded) return;  // a frame we cannot read changes nothing
    if (const auto* pong = std::get_if<proto::Pong>(&*decoded)) {
        state_.round_trip(browser::now_ms() - pong->t);
        return;  // the tooltip shows it when next drawn
    }
    if (std::holds_alternative<proto::NewMessage>(*decoded)) ui_.activity_until_ms = browser::now_ms() + 800;
    state_.apply(*decoded);
    send_outgoing();
    request_frames();
}

void App::on_lost() {
    state_.connection_lost();
    request_frames();
}

void App::send_outgoing() {
    for (const auto& message : state_.take_outgoing()) connection_.send(proto::encode(message));
}

void App::save_if_changed() {
    if (state_.saved_version() == saved_version_) return;
    saved_version_ = state_.saved_version();
    const Saved saved = state_.saved();
    browser::save("name", saved.name.value_or(""));
    browser::save("channel", saved.channel.value_or(""));
    std::string seen;
    for (const auto& [channel, id] : saved.seen) seen += channel + "\t" + std::to_string(id) + "\n";
    browser::save("seen", seen);
    browser::save("outbox", encode_outbox(saved.outbox));
    browser::save("changes", encode_changes(saved.changes));
}

void App::on_heartbeat(void* self) {
    auto* app = static_cast<App*>(self);
    const double now = browser::now_ms();
    app->connection_.heartbeat(now);
    if (app->state_.has_outbox() && now - app->last_resend_ms_ >= resend_every_ms) {
        app->last_resend_ms_ = now;
        app->state_.resend_pending();  // client_ids make a resend harmless
        app->send_outgoing();
    }
    app->save_if_changed();
}

// ---------------------------------------------------------------- the page

void App::on_text(std::string_view text) {
    ImGui::GetIO().AddInputCharactersUTF8(std::string(text).c_str());
    request_frames();
}

void App::on_field_input(browser::Field field, std::string_view text) {
    using F = browser::Field;
    (field == F::edit ? ui_.edit_text
     : field == F::name ? ui_.name_input
     : field == F::channel ? ui_.new_channel
     : field == F::search ? ui_.search_input
                          : ui_.composer) = text;
    request_frames();
}

void App::on_field_key(browser::Field field, FieldKey key) {
    ui_.field_key[static_cast<int>(field)] = static_cast<int>(key);  // the view acts on it in the next frame
    request_frames();
}

void App::on_field_focus(browser::Field field, bool focused) {
    ui_.field_focused[static_cast<int>(field)] = focused;
    if (focused) ImGui::ClearActiveID();  // an ImGui field that had the keyboard lets go of it
    request_frames();
}

void App::on_wheel(double dx, double dy) {
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheelH += static_cast<float>(dx);
    io.MouseWheel += static_cast<float>(dy);
    request_frames();
}

bool App::on_shortcut(int which) {
    if (which == 1) {
        ui_.search_open = !ui_.search_open;
        ui_.focus_search = ui_.search_open;
    }
    request_frames();
    return which == 1 && ui_.search_open;
}

bool App::on_file_chosen(std::string_view name, double size) {
    const bool accepted = state_.start_upload(name, static_cast<std::uint64_t>(size));
    request_frames();
    return accepted;
}

void App::on_upload_progress(double sent) {
    state_.upload_progress(static_cast<std::uint64_t>(sent));
    request_frames();
}

void App::on_upload_done(int status, std::string_view body) {
    if (status < 0) state_.upload_cancelled();
    else state_.upload_finished(status, body);
    send_outgoing();
    request_frames();
}

void App::on_thumbnail(std::string_view url, int width, int height, const unsigned char* rgba) {
    thumbnails_.loaded(std::string(url), width, height, rgba);
    request_frames();
}

std::string App::state_json() { return client::state_json(state_); }
std::string App::widgets_json() { return client::widgets_json(widgets_, scale_); }

}  // namespace chitchat::client
