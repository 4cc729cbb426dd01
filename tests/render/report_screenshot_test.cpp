// SPDX-License-Identifier: Apache-2.0
// The report as a browser shows it: headless Chromium renders the page of the 14 MW cap
// what-if against its baseline (both shortened) and of a small sweep, and the screenshot must
// hold the charts' lines across their plots, the baseline's too, and the floor map's colours.
// Skipped, saying so, where chromium is not installed.
#include <gtest/gtest.h>
#include <stb_image.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "tests/cli/cli_support.h"

namespace aifsim {
namespace {

namespace fs = std::filesystem;

struct Rgb {
  int r, g, b;
};

// Where a colour shows in a screenshot.
struct Found {
  std::size_t pixels = 0;
  int x_min = 1 << 30, x_max = -1;
  int span() const { return x_max - x_min; }
};

class Screenshot {
 public:
  explicit Screenshot(const fs::path& png) { px_ = stbi_load(png.string().c_str(), &w_, &h_, &n_, 3); }
  ~Screenshot() { stbi_image_free(px_); }
  Screenshot(const Screenshot&) = delete;
  Screenshot& operator=(const Screenshot&) = delete;
  bool loaded() const { return px_ != nullptr; }
  int width() const { return w_; }

  // Pixels within `tolerance` of `c` on every channel (lines are anti-aliased at their edges).
  Found find(Rgb c, int tolerance = 28) const {
    Found f;
    for (int y = 0; y < h_; ++y)
      for (int x = 0; x < w_; ++x) {
        const unsigned char* p = at(x, y);
        if (std::abs(p[0] - c.r) <= tolerance && std::abs(p[1] - c.g) <= tolerance && std::abs(p[2] - c.b) <= tolerance) {
          ++f.pixels;
          f.x_min = std::min(f.x_min, x);
          f.x_max = std::max(f.x_max, x);
        }
      }
    return f;
  }
  std::size_t distinct_colours() const {
    std::set<unsigned> colours;
    for (int y = 0; y < h_; ++y)
      for (int x = 0; x < w_; ++x) {
        const unsigned char* p = at(x, y);
        colours.insert(static_cast<unsigned>(p[0]) << 16 | static_cast<unsigned>(p[1]) << 8 | p[2]);
      }
    return colours.size();
  }
  double share_not_white() const {
    std::size_t n = 0;
    for (int y = 0; y < h_; ++y)
      for (int x = 0; x < w_; ++x) n += at(x, y)[0] < 240 || at(x, y)[1] < 240 || at(x, y)[2] < 240;
    return static_cast<double>(n) / (static_cast<double>(w_) * h_);
  }

 private:
  const unsigned char* at(int x, int y) const {
    return px_ + 3 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(w_) + static_cast<std::size_t>(x));
  }
  unsigned char* px_ = nullptr;
  int w_ = 0, h_ = 0, n_ = 0;
};

bool have_chromium() { return std::system("command -v chromium > /dev/null 2>&1") == 0; }

// Renders `page` in a 1200-pixel-wide window `height` tall into DIR/name.png.
fs::path screenshot(const test::ScratchDir& dir, const fs::path& page, const std::string& name, int height) {
  const fs::path png = dir.path() / (name + ".png");
  const std::string cmd = "timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir='" +
                          (dir.path() / ("profile-" + name)).string() + "' --window-size=1200," +
                          std::to_string(height) + " --screenshot='" + png.string() + "' 'file://" +
                          fs::absolute(page).string() + "' > '" + (dir.path() / (name + ".log")).string() + "' 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << test::read_file(dir.path() / (name + ".log"));
  return png;
}

// A line drawn across a plot spans most of the 900-pixel plot; a legend swatch is 18 pixels.
void expect_line(const Screenshot& shot, Rgb c, const char* what) {
  const Found f = shot.find(c);
  EXPECT_GT(f.pixels, 300u) << what;
  EXPECT_GT(f.span(), 500) << what << ": only from x " << f.x_min << " to " << f.x_max;
}

TEST(report_screenshot_test, the_cap_what_if_against_its_baseline_shows_its_charts_and_floor_map) {
  if (!have_chromium()) GTEST_SKIP() << "chromium not installed (tools/setup installs it)";
  test::ScratchDir dir;
  const std::string base = (dir.path() / "expansion").string(), capped = (dir.path() / "cap-14mw").string();
  for (const auto& [scenario, out] : {std::pair{"whatif/expansion.yaml", base}, {"whatif/cap-14mw.yaml", capped}}) {
    const test::CliResult r =
        test::run_cli(dir, "run " + test::scenario_path(scenario) + " --set time.duration=15m --quiet --out " + out);
    ASSERT_EQ(r.code, 0) << r.err;
  }
  const test::CliResult r = test::run_cli(dir, "report " + capped + " --baseline " + base + " --quiet");
  ASSERT_EQ(r.code, 0) << r.err;
  const fs::path png = screenshot(dir, fs::path(capped) / "report.html", "run", 6000);
  const Screenshot shot(png);
  ASSERT_TRUE(shot.loaded()) << png;
  EXPECT_EQ(shot.width(), 1200);
  EXPECT_GT(shot.distinct_colours(), 300u) << "a blank or flat page";
  EXPECT_GT(shot.share_not_white(), 0.03) << "a blank page";
  expect_line(shot, {0x1f, 0x77, 0xb4}, "facility power");
  expect_line(shot, {0x9e, 0xca, 0xe1}, "the baseline's facility power (dashed)");
  expect_line(shot, {0xd6, 0x27, 0x28}, "the cap");
  expect_line(shot, {0xff, 0x7f, 0x0e}, "IT power");
  expect_line(shot, {0x2c, 0xa0, 0x2c}, "cooling power");
  expect_line(shot, {0x94, 0x67, 0xbd}, "PUE");
  // the floor map spans the scale: some racks near its blue end, some near its red end
  EXPECT_GT(shot.find({0x31, 0x36, 0x95}, 40).pixels, 200u) << "no rack at the low end of a floor map";
  EXPECT_GT(shot.find({0xa5, 0x00, 0x26}, 40).pixels, 200u) << "no rack at the high end of a floor map";
}

TEST(report_screenshot_test, a_sweep_report_shows_its_charts) {
  if (!have_chromium()) GTEST_SKIP() << "chromium not installed (tools/setup installs it)";
  test::ScratchDir dir;
  dir.write("two.yaml",
            "name: two\ntime: {start: '2026-07-15T12:00:00+08:00', duration: 5m, dt_s: 1}\n"
            "racks: {r: {type: gb300-nvl72, count: 2, load: {profile: constant, utilization: 0.9}}}\n");
  const auto sweep = dir.write("s.yaml",
                               "name: s\nbase: two.yaml\naxes:\n"
                               "  - {field: racks.r.load.utilization, values: [0.3, 0.6, 0.9]}\n"
                               "  - {field: racks.r.count, values: [1, 2]}\n");
  const std::string out = (dir.path() / "sweep").string();
  ASSERT_EQ(test::run_cli(dir, "sweep " + sweep.string() + " -j 2 --quiet --out " + out).code, 0);
  ASSERT_EQ(test::run_cli(dir, "report " + out + " --quiet").code, 0);
  const Screenshot shot(screenshot(dir, fs::path(out) / "report.html", "sweep", 2400));
  ASSERT_TRUE(shot.loaded());
  EXPECT_GT(shot.distinct_colours(), 200u);
  // one line per rack count, in the first two colours, in every column of small charts
  expect_line(shot, {0x1f, 0x77, 0xb4}, "the first group's lines");
  expect_line(shot, {0xff, 0x7f, 0x0e}, "the second group's lines");
}

}  // namespace
}  // namespace aifsim
