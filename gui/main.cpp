// SPDX-License-Identifier: Apache-2.0
// aifsim-gui: the desktop front end. Opens a scenario, runs it on a worker thread and shows it
// live (floor map, KPIs, plots, knobs). With --screenshot it simulates --sim-seconds, renders
// --frames frames while the simulation keeps running as fast as it can, writes the last
// framebuffer as a PNG, prints the frame times and exits (works under xvfb-run).
#include <CLI/CLI.hpp>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <vector>
#include <filesystem>
#include <fstream>

#include "gui/app.h"
#include "gui/overlay.h"
#include "gui/sim_worker.h"
#include "sim/core/error.h"
#include "sim/scenario/load.h"

namespace {

bool write_png(const std::string& path, int w, int h) {
  std::vector<unsigned char> px(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  // OpenGL's rows run bottom-up; PNG's top-down.
  std::vector<unsigned char> flipped(px.size());
  const std::size_t stride = static_cast<std::size_t>(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(px.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * stride), stride,
                flipped.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(h - 1 - y) * stride));
  return stbi_write_png(path.c_str(), w, h, 4, flipped.data(), static_cast<int>(stride)) != 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"aifsim-gui: explore an AI-factory scenario live"};
  std::string scenario_path, screenshot, out_dir;
  std::vector<std::string> sets;
  int frames = 3, width = 1280, height = 800;
  double sim_seconds = 0;
  bool start_paused = false;
  cli.add_option("scenario", scenario_path, "Scenario YAML")->required();
  cli.add_option("--set", sets, "Override a field: path=value (repeatable)");
  cli.add_option("--out", out_dir, "Run directory (default runs/gui-<scenario name>)");
  cli.add_option("--screenshot", screenshot, "Render, write this PNG and exit");
  cli.add_option("--frames", frames, "Frames to render before the screenshot")->check(CLI::Range(1, 100000));
  cli.add_option("--sim-seconds", sim_seconds, "Simulated seconds before the screenshot frames")->check(CLI::NonNegativeNumber);
  cli.add_option("--width", width, "Window width")->check(CLI::Range(320, 8192));
  cli.add_option("--height", height, "Window height")->check(CLI::Range(240, 8192));
  cli.add_flag("--paused", start_paused, "Open paused");
  CLI11_PARSE(cli, argc, argv);

  aifsim::scenario::LoadedScenario sc;
  try {
    std::vector<aifsim::scenario::Override> overrides;
    for (const auto& s : sets) overrides.push_back(aifsim::scenario::parse_override(s));
    sc = aifsim::scenario::load_scenario(scenario_path, overrides);
  } catch (const aifsim::InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  if (out_dir.empty()) out_dir = "runs/gui-" + sc.spec.name;

  glfwSetErrorCallback([](int code, const char* msg) { std::fprintf(stderr, "GLFW error %d: %s\n", code, msg); });
  if (!glfwInit()) {
    std::cerr << "aifsim-gui: cannot open a window (no display? try xvfb-run)\n";
    return 2;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  GLFWwindow* window = glfwCreateWindow(width, height, ("aifsim - " + sc.spec.name).c_str(), nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    std::cerr << "aifsim-gui: cannot create an OpenGL 3.3 window\n";
    return 2;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(screenshot.empty() ? 1 : 0);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is the program's, not a file's
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  const bool shot = !screenshot.empty();
  int rc = 0;
  {
    aifsim::gui::SimWorker worker(sc, out_dir, start_paused && !shot);
    if (shot) worker.wait_until(sim_seconds);
    aifsim::gui::App app(static_cast<float>(width), static_cast<float>(height), shot);
    app.controls().paused = start_paused && !shot;
    std::vector<double> frame_ms;
    std::string status;
    for (int frame = 0; !glfwWindowShouldClose(window); ++frame) {
      const auto t0 = std::chrono::steady_clock::now();
      glfwPollEvents();
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      const std::shared_ptr<const aifsim::gui::Snapshot> snap = worker.latest();
      const aifsim::gui::Actions a = app.frame(snap);
      for (const auto& c : a.commands) worker.post(c);
      if (a.pause) worker.set_paused(*a.pause);
      if (a.step_ticks > 0) worker.step(a.step_ticks);
      if (a.speed) worker.set_speed(*a.speed);
      if (a.run_to_s) worker.run_to(*a.run_to_s);
      try {
        if (a.save_overlay) {
          aifsim::gui::Knobs k;
          k.cap_mw = app.controls().cap_mw;
          k.dry_bulb_offset_k = app.controls().dry_bulb_offset_k;
          k.supply_setpoint_c = app.controls().supply_setpoint_c;
          k.rate_multiplier.assign(app.controls().rate_multiplier.begin(), app.controls().rate_multiplier.end());
          const auto path = std::filesystem::path(out_dir) / "whatif.yaml";
          std::ofstream(path) << aifsim::gui::overlay_yaml(std::filesystem::absolute(scenario_path), sc.spec, k);
          status = "saved " + path.string();
        }
        if (a.export_csv) {
          const auto path = std::filesystem::path(out_dir) / "gui-view.csv";
          aifsim::gui::write_history_csv(app.history(), path.string());
          status = "exported " + path.string();
        }
      } catch (const std::exception& e) {
        status = e.what();
      }
      if (!status.empty()) {
        std::fprintf(stderr, "aifsim-gui: %s\n", status.c_str());
        status.clear();
      }
      const bool snap_now = a.screenshot;
      ImGui::Render();
      int fw = 0, fh = 0;
      glfwGetFramebufferSize(window, &fw, &fh);
      glViewport(0, 0, fw, fh);
      glClearColor(0.08f, 0.08f, 0.10f, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      if (shot && frame + 1 == frames) {
        if (!write_png(screenshot, fw, fh)) {
          std::cerr << "aifsim-gui: cannot write " << screenshot << "\n";
          rc = 1;
        }
      }
      if (snap_now) {
        const auto path = (std::filesystem::path(out_dir) / ("gui-" + std::to_string(frame) + ".png")).string();
        std::fprintf(stderr, "aifsim-gui: %s %s\n", write_png(path, fw, fh) ? "wrote" : "cannot write", path.c_str());
      }
      glfwSwapBuffers(window);
      frame_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      if (shot && frame + 1 >= frames) break;
    }
    if (!worker.error().empty()) {
      std::cerr << worker.error() << "\n";
      rc = 2;
    }
    if (shot && rc == 0) {
      std::vector<double> sorted = frame_ms;
      std::sort(sorted.begin(), sorted.end());
      double sum = 0;
      for (double m : frame_ms) sum += m;
      const auto snap = worker.latest();
      std::printf("wrote %s; %zu frames, frame time mean %.2f ms, p95 %.2f ms; simulated %.0f s%s\n",
                  screenshot.c_str(), frame_ms.size(), sum / static_cast<double>(frame_ms.size()),
                  sorted[static_cast<std::size_t>(0.95 * static_cast<double>(sorted.size() - 1))],
                  snap ? snap->now_s : 0.0, worker.finished() ? " (finished)" : " (running)");
    }
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return rc;
}
