// SPDX-License-Identifier: Apache-2.0
// The channel tables: every tick field is a channel with a unit, integration adds every one of
// them, and every timeseries column is documented and named once.
#include "sim/metrics/channels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "sim/run/reference_doc.h"

namespace aifsim::metrics {
namespace {

TEST(channels_test, add_scaled_integrates_every_channel) {
  TickSample s;
  double x = 1;
  for (const TickChannel& c : tick_channels()) s.*c.field = x++;
  TickSample sum;
  add_scaled(sum, s, 2.0);
  add_scaled(sum, s, 0.5);
  for (const TickChannel& c : tick_channels()) EXPECT_DOUBLE_EQ(sum.*c.field, 2.5 * (s.*c.field)) << c.name;
}

TEST(channels_test, channels_and_columns_have_distinct_names_units_and_meanings) {
  std::set<std::string_view> fields, columns;
  for (const TickChannel& c : tick_channels()) {
    EXPECT_TRUE(fields.insert(c.name).second) << c.name;
    EXPECT_FALSE(c.unit.empty() || c.meaning.empty()) << c.name;
  }
  const std::string md = run::reference_markdown();
  for (const TimeseriesColumn& c : timeseries_columns()) {
    EXPECT_TRUE(columns.insert(c.name).second) << c.name;
    EXPECT_FALSE(c.unit.empty() || c.meaning.empty()) << c.name;
    EXPECT_NE(md.find("| `" + std::string(c.name) + "` | " + std::string(c.unit) + " |"), std::string::npos) << c.name;
  }
}

TEST(channels_test, columns_scale_their_channel_and_pue_is_empty_without_it_power) {
  TickSample m;
  m.it_w = 2e6;
  m.facility_w = 2.5e6;
  m.water_kg_s = 10;
  const IntervalValues v{m, 71.5};
  for (const TimeseriesColumn& c : timeseries_columns()) {
    if (c.name == "it_power_mw") {
      EXPECT_DOUBLE_EQ(c.value(v), 2.0);
    }
    if (c.name == "pue") {
      EXPECT_DOUBLE_EQ(c.value(v), 1.25);
    }
    if (c.name == "water_m3_per_h") {
      EXPECT_DOUBLE_EQ(c.value(v), 36.0);
    }
    if (c.name == "gpu_die_temp_max_c") {
      EXPECT_DOUBLE_EQ(c.value(v), 71.5);
    }
  }
  const TickSample idle;
  for (const TimeseriesColumn& c : timeseries_columns())
    if (c.name == "pue") {
      EXPECT_TRUE(std::isnan(c.value({idle, 0.0})));
    }
}

TEST(channels_test, latency_columns_are_means_over_requests_and_empty_without_any) {
  TickSample m;
  m.first_tokens_per_s = 40;  // 40 requests/s got their first token ...
  m.ttft_sum_s_per_s = 12;    // ... after 0.3 s on average
  m.tpot_requests_per_s = 25;
  m.tpot_sum_s_per_s = 0.5;
  m.energy_cost_ntd_per_h = 35000;
  const IntervalValues v{m, 0.0};
  const TickSample idle;
  int seen = 0;
  for (const TimeseriesColumn& c : timeseries_columns()) {
    if (c.name == "ttft_mean_s") {
      EXPECT_DOUBLE_EQ(c.value(v), 0.3);
      EXPECT_TRUE(std::isnan(c.value({idle, 0.0})));
      ++seen;
    }
    if (c.name == "tpot_mean_s") {
      EXPECT_DOUBLE_EQ(c.value(v), 0.02);
      EXPECT_TRUE(std::isnan(c.value({idle, 0.0})));
      ++seen;
    }
    if (c.name == "energy_cost_ntd_per_h") {
      EXPECT_DOUBLE_EQ(c.value(v), 35000);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 3);
}

}  // namespace
}  // namespace aifsim::metrics
