// SPDX-License-Identifier: Apache-2.0
// aifsim-gui renders under Xvfb and writes a real picture: right size, not blank, the floor
// map showing both ends of its colour scale where the racks' loads differ.
#include <gtest/gtest.h>
#include <stb_image.h>

#include <cstdlib>
#include <set>

#include "tests/test_support.h"

namespace {

TEST(gui_screenshot_test, floor_map_shows_racks_at_different_loads) {
  if (std::system("command -v xvfb-run > /dev/null 2>&1") != 0) GTEST_SKIP() << "xvfb-run not installed";
  aifsim::test::ScratchDir dir;
  const auto png = dir.path() / "shot.png";
  const std::string cmd = "xvfb-run -a -s '-screen 0 1280x800x24' '" + std::string(AIFSIM_GUI_PATH) + "' '" +
                          (aifsim::test::source_dir() / "tests" / "gui" / "two-loads.yaml").string() +
                          "' --screenshot '" + png.string() + "' --frames 5 --sim-seconds 120 --out '" +
                          (dir.path() / "run").string() + "' > '" + (dir.path() / "log.txt").string() + "' 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << aifsim::test::read_file(dir.path() / "log.txt");
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(png.string().c_str(), &w, &h, &n, 3);
  ASSERT_NE(px, nullptr);
  EXPECT_EQ(w, 1280);
  EXPECT_EQ(h, 800);
  std::set<unsigned int> colours;
  bool blue_rack = false, red_rack = false;
  // The floor map window spans 24-64 % of the width (App's fixed layout).
  const int x0 = static_cast<int>(0.24 * w) + 10, x1 = static_cast<int>(0.64 * w) - 10;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const unsigned char* p = px + 3 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x));
      colours.insert(static_cast<unsigned>(p[0]) << 16 | static_cast<unsigned>(p[1]) << 8 | p[2]);
      if (x >= x0 && x < x1 && y > 60) {
        blue_rack = blue_rack || (p[2] > 200 && p[0] < 40);
        red_rack = red_rack || (p[0] > 200 && p[2] < 40);
      }
    }
  stbi_image_free(px);
  EXPECT_GT(colours.size(), 100u) << "a blank or flat frame";
  EXPECT_TRUE(blue_rack) << "no rack at the low end of the scale";
  EXPECT_TRUE(red_rack) << "no rack at the high end of the scale";
  EXPECT_NE(aifsim::test::read_file(dir.path() / "log.txt").find("frame time mean"), std::string::npos);
}

}  // namespace
