// Chit-Chat in the browser: set up GLFW, Dear ImGui and the application, then return; from
// here on the browser calls us (input, network, animation frames).
#include <GLFW/glfw3.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app.hpp"
#include "browser.hpp"

using chitchat::client::App;

namespace {

App* app = nullptr;

// Any input asks for frames; ImGui's own callbacks, installed after these, chain to them.
void wake_cursor(GLFWwindow*, double, double) { app->request_frames(); }
void wake_button(GLFWwindow*, int, int, int) { app->request_frames(); }
void wake_key(GLFWwindow*, int key, int, int action, int) { app->on_key(key, action); }
void wake_focus(GLFWwindow*, int) { app->request_frames(); }

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    app->resize();
    return EM_FALSE;
}

}  // namespace

int main() {
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "Chit-Chat", nullptr, nullptr);
    if (!window) return 1;
    glfwMakeContextCurrent(window);

    glfwSetCursorPosCallback(window, wake_cursor);
    glfwSetMouseButtonCallback(window, wake_button);
    glfwSetKeyCallback(window, wake_key);
    glfwSetWindowFocusCallback(window, wake_focus);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would keep drawing forever
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    // After the backend, which would install GLFW's clipboard (a no-op in Emscripten).
    io.SetClipboardTextFn = [](void*, const char* text) { chitchat::browser::copy(text); };
    io.GetClipboardTextFn = [](void*) -> const char* { return ""; };  // pasting arrives as typed text
    glfwSetCharCallback(window, nullptr);    // typing comes from the page's text field instead
    glfwSetScrollCallback(window, nullptr);  // and the wheel from the page (see glue.js)

    app = new App(window);  // lives as long as the page
    chitchat::browser::set_listener(app);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, false, on_resize);
    app->start();
    return 0;
}
