// SPDX-License-Identifier: Apache-2.0
// Tests of the LLM request trace readers, TraceReplay and TokenSizeSampler.
#include "sim/workload/request_trace.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/error.h"
#include "sim/core/rng.h"
#include "tests/test_support.h"

namespace aifsim::workload {
namespace {

using aifsim::test::ScratchDir;

const std::filesystem::path kAzure = std::filesystem::path(AIFSIM_SHARED_DATA_DIR) /
                                     "azure_llm_2023_conv" / "AzureLLMInferenceTrace_conv.csv";
const std::filesystem::path kMooncake =
    std::filesystem::path(AIFSIM_SHARED_DATA_DIR) / "mooncake_fast25" / "conversation_trace.jsonl";

// The file's non-empty lines with any '\r' removed, split independently of the reader.
std::vector<std::string> lines_of(const std::filesystem::path& p) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : aifsim::test::read_file(p)) {
    if (c == '\n') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Message of the InputError thrown by f, or "" when none is thrown.
template <typename F>
std::string error_of(F&& f) {
  return test::input_error(std::forward<F>(f));
}

// Tenths of microseconds since midnight of "YYYY-MM-DD hh:mm:ss.fffffff".
std::int64_t ticks_of_day(const std::string& ts) {
  const std::int64_t h = std::stoll(ts.substr(11, 2));
  const std::int64_t m = std::stoll(ts.substr(14, 2));
  const std::int64_t s = std::stoll(ts.substr(17, 2));
  const std::int64_t f = std::stoll(ts.substr(20, 7));
  return ((h * 60 + m) * 60 + s) * 10'000'000 + f;
}

TEST(request_trace_test, azure_trace_parses_every_row_with_exact_totals_and_times) {
  AIFSIM_REQUIRE_SHARED_DATA(kAzure);
  const auto lines = lines_of(kAzure);
  ASSERT_GT(lines.size(), 1u);
  ASSERT_EQ(lines.front(), "TIMESTAMP,ContextTokens,GeneratedTokens");
  std::int64_t in_sum = 0, out_sum = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto c1 = lines[i].find(',');
    const auto c2 = lines[i].find(',', c1 + 1);
    in_sum += std::stoll(lines[i].substr(c1 + 1, c2 - c1 - 1));
    out_sum += std::stoll(lines[i].substr(c2 + 1));
  }
  const std::string first_ts = lines[1].substr(0, lines[1].find(','));
  const std::string last_ts = lines.back().substr(0, lines.back().find(','));
  ASSERT_EQ(first_ts.substr(0, 10), last_ts.substr(0, 10));  // one day: a time-of-day diff
  const double span_s = static_cast<double>(ticks_of_day(last_ts) - ticks_of_day(first_ts)) * 1e-7;

  const RequestTrace t = read_azure_trace(kAzure);
  EXPECT_EQ(t.format, "azure");
  EXPECT_EQ(t.source, kAzure.string());
  ASSERT_EQ(t.requests.size(), lines.size() - 1);
  std::int64_t in_got = 0, out_got = 0;
  for (const auto& r : t.requests) {
    in_got += r.input_tokens;
    out_got += r.output_tokens;
  }
  EXPECT_EQ(in_got, in_sum);
  EXPECT_EQ(out_got, out_sum);
  EXPECT_EQ(t.requests.front().time_s, 0.0);
  EXPECT_NEAR(t.requests.back().time_s, span_s, 1e-9);
  const double n = static_cast<double>(t.requests.size());
  EXPECT_NEAR(t.duration_s, span_s * n / (n - 1.0), 1e-9);
  std::cout << std::setprecision(12) << "azure: rows " << t.requests.size() << ", input tokens "
            << in_got << ", output tokens " << out_got << ", last time " << t.requests.back().time_s
            << " s, loop period " << t.duration_s << " s\n";
}

TEST(request_trace_test, mooncake_trace_parses_every_row_with_exact_totals_and_times) {
  AIFSIM_REQUIRE_SHARED_DATA(kMooncake);
  const auto lines = lines_of(kMooncake);
  ASSERT_FALSE(lines.empty());
  // Independent extraction: the integer after each key.
  const auto value_after = [](const std::string& line, const std::string& key) {
    const auto at = line.find("\"" + key + "\":");
    EXPECT_NE(at, std::string::npos) << line;
    return std::strtoll(line.c_str() + at + key.size() + 3, nullptr, 10);
  };
  std::int64_t in_sum = 0, out_sum = 0;
  for (const auto& l : lines) {
    in_sum += value_after(l, "input_length");
    out_sum += value_after(l, "output_length");
  }
  const auto first_ms = value_after(lines.front(), "timestamp");
  const auto last_ms = value_after(lines.back(), "timestamp");

  const RequestTrace t = read_mooncake_trace(kMooncake);
  EXPECT_EQ(t.format, "mooncake");
  ASSERT_EQ(t.requests.size(), lines.size());
  std::int64_t in_got = 0, out_got = 0;
  for (const auto& r : t.requests) {
    in_got += r.input_tokens;
    out_got += r.output_tokens;
  }
  EXPECT_EQ(in_got, in_sum);
  EXPECT_EQ(out_got, out_sum);
  EXPECT_EQ(t.requests.front().time_s, 0.0);
  EXPECT_DOUBLE_EQ(t.requests.back().time_s, static_cast<double>(last_ms - first_ms) / 1000.0);
  std::cout << std::setprecision(12) << "mooncake: rows " << t.requests.size() << ", input tokens "
            << in_got << ", output tokens " << out_got << ", last time " << t.requests.back().time_s
            << " s, loop period " << t.duration_s << " s\n";
}

TEST(request_trace_test, azure_fraction_is_parsed_exactly_across_midnight) {
  ScratchDir dir;
  const auto p = dir.write("a.csv",
                           "TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
                           "2023-12-31 23:59:59.9999999,10,1\r\n"
                           "2024-01-01 00:00:00.0000001,20,2\r\n"
                           "2024-01-01 00:00:01,30,3");
  const RequestTrace t = read_azure_trace(p);
  ASSERT_EQ(t.requests.size(), 3u);
  EXPECT_NEAR(t.requests[1].time_s, 2e-7, 1e-15);
  EXPECT_NEAR(t.requests[2].time_s, 1.0000001, 1e-15);
  EXPECT_EQ(t.requests[2].input_tokens, 30);
  EXPECT_EQ(t.requests[2].output_tokens, 3);
}

// Nanoseconds since 1970 overflow an int64 after 2262: such a time is refused with its
// line, never wrapped into the past.
TEST(request_trace_test, azure_time_beyond_2262_is_refused_not_wrapped) {
  ScratchDir dir;
  const auto p = dir.write("far.csv",
                           "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                           "2023-11-16 18:15:46.6805900,374,44\n"
                           "2423-11-16 18:15:46.6805900,374,44\n");
  const std::string e = error_of([&] { read_azure_trace(p); });
  EXPECT_NE(e.find(p.string() + ":3: TIMESTAMP"), std::string::npos) << e;
  EXPECT_NE(e.find("from 1678 to 2261"), std::string::npos) << e;
}

TEST(request_trace_test, generic_csv_round_trips_through_the_writer) {
  ScratchDir dir;
  RequestTrace in;
  in.requests = {{0.0, 100, 10}, {0.125, 2000, 0}, {0.125, 7, 300}, {3.3, 12345678901, 5}};
  in.duration_s = trace_loop_period_s(in.requests);
  const auto p = dir.path() / "g.csv";
  write_generic_request_csv(in, p);
  const RequestTrace out = read_request_trace(p);
  EXPECT_EQ(out.format, "generic");
  ASSERT_EQ(out.requests.size(), in.requests.size());
  for (std::size_t i = 0; i < in.requests.size(); ++i) {
    EXPECT_EQ(out.requests[i].time_s, in.requests[i].time_s) << i;
    EXPECT_EQ(out.requests[i].input_tokens, in.requests[i].input_tokens) << i;
    EXPECT_EQ(out.requests[i].output_tokens, in.requests[i].output_tokens) << i;
  }
  EXPECT_DOUBLE_EQ(out.duration_s, 3.3 * 4.0 / 3.0);
}

TEST(request_trace_test, generic_csv_takes_any_column_order_extra_columns_and_crlf) {
  ScratchDir dir;
  const auto p = dir.write("g.csv",
                           "output_tokens,note,time_s,input_tokens\r\n"
                           "5,a,10.5,50\r\n"
                           "\r\n"
                           "6,b,12,60\r\n");
  const RequestTrace t = read_generic_request_csv(p);
  ASSERT_EQ(t.requests.size(), 2u);
  EXPECT_EQ(t.requests[0].time_s, 0.0);  // shifted so the first is at 0
  EXPECT_EQ(t.requests[1].time_s, 1.5);
  EXPECT_EQ(t.requests[1].input_tokens, 60);
  EXPECT_EQ(t.requests[1].output_tokens, 6);
}

TEST(request_trace_test, auto_detects_the_three_formats) {
  ScratchDir dir;
  const auto azure = dir.write("x1",
                               "TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
                               "2023-11-16 18:15:46.6805900,374,44\r\n");
  const auto moon = dir.write("x2",
                              "{\"timestamp\": 0, \"input_length\": 5, "
                              "\"output_length\": 6, \"hash_ids\": [1, 2]}\n");
  const auto gen = dir.write("x3", "time_s,input_tokens,output_tokens\n0,1,2\n");
  const auto other = dir.write("x4", "when,prompt,completion\n0,1,2\n");
  EXPECT_EQ(read_request_trace(azure).format, "azure");
  EXPECT_EQ(read_request_trace(moon).format, "mooncake");
  EXPECT_EQ(read_request_trace(moon).requests.at(0).output_tokens, 6);
  EXPECT_EQ(read_request_trace(gen).format, "generic");
  EXPECT_EQ(read_request_trace(gen, "generic").format, "generic");
  EXPECT_EQ(error_of([&] { read_request_trace(other); }),
            other.string() +
                ":1: unknown request trace format (expected a Mooncake JSON object per line, "
                "an Azure CSV header with TIMESTAMP,ContextTokens,GeneratedTokens or a generic "
                "CSV header with time_s,input_tokens,output_tokens)");
  EXPECT_EQ(error_of([&] { read_request_trace(gen, "parquet"); }),
            gen.string() +
                ": unknown request trace format 'parquet' (expected azure, mooncake, generic "
                "or auto)");
}

TEST(request_trace_test, missing_file_is_an_input_error) {
  ScratchDir dir;
  const auto p = dir.path() / "absent.csv";
  EXPECT_EQ(error_of([&] { read_request_trace(p); }), p.string() + ": cannot open file");
  EXPECT_EQ(error_of([&] { read_mooncake_trace(p); }), p.string() + ": cannot open file");
}

TEST(request_trace_test, bad_timestamp_is_located) {
  ScratchDir dir;
  const auto p = dir.write("a.csv",
                           "TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
                           "2023-11-16 18:15:46.6805900,374,44\r\n"
                           "2023-11-16 18:15:4x.1,1,1\r\n");
  EXPECT_EQ(error_of([&] { read_request_trace(p); }),
            p.string() +
                ":3: TIMESTAMP: not a date-time 'YYYY-MM-DD hh:mm:ss[.fffffff]' from 1678 to 2261: "
                "'2023-11-16 18:15:4x.1'");
  const auto q = dir.write("b.csv",
                           "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                           "2023-11-16 18:15:46.1234567890,1,1\n");
  EXPECT_EQ(error_of([&] { read_azure_trace(q); }),
            q.string() +
                ":2: TIMESTAMP: not a date-time 'YYYY-MM-DD hh:mm:ss[.fffffff]' from 1678 to 2261: "
                "'2023-11-16 18:15:46.1234567890'");
}

TEST(request_trace_test, non_numeric_or_negative_token_cell_is_located) {
  ScratchDir dir;
  const auto p = dir.write("a.csv",
                           "TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
                           "2023-11-16 18:15:46.6805900,374,44\r\n"
                           "2023-11-16 18:15:47.0000000,37a,44\r\n");
  EXPECT_EQ(error_of([&] { read_request_trace(p); }),
            p.string() + ":3: ContextTokens: not an integer: '37a'");
  const auto g = dir.write("g.csv", "time_s,input_tokens,output_tokens\n0,1,2\n1,2,-3\n");
  EXPECT_EQ(error_of([&] { read_request_trace(g); }),
            g.string() + ":3: output_tokens: must be >= 0 (got -3)");
  const auto m = dir.write("m.jsonl",
                           "{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 2}\n"
                           "{\"timestamp\": 5, \"input_length\": \"7\", \"output_length\": 2}\n");
  EXPECT_EQ(error_of([&] { read_request_trace(m); }),
            m.string() + ":2: input_length: not an integer: \"7\"");
}

TEST(request_trace_test, missing_column_or_key_is_located) {
  ScratchDir dir;
  const auto p = dir.write("a.csv", "TIMESTAMP,ContextTokens\r\n2023-11-16 18:15:46.6,374\r\n");
  EXPECT_EQ(error_of([&] { read_request_trace(p); }),
            p.string() + ":1: missing column 'GeneratedTokens'");
  const auto g = dir.write("g.csv", "time_s,output_tokens\n0,1\n");
  EXPECT_EQ(error_of([&] { read_request_trace(g); }),
            g.string() + ":1: missing column 'input_tokens'");
  const auto short_row = dir.write("s.csv", "time_s,input_tokens,output_tokens\n0,1\n");
  EXPECT_EQ(error_of([&] { read_request_trace(short_row); }),
            short_row.string() + ":2: expected 3 cells like the header, got 2");
  const auto m = dir.write("m.jsonl",
                           "{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 2}\n"
                           "\n"
                           "{\"timestamp\": 5, \"input_length\": 1}\n");
  EXPECT_EQ(error_of([&] { read_request_trace(m); }),
            m.string() + ":3: missing key 'output_length'");
  const auto bad_json = dir.write("j.jsonl", "{\"timestamp\": 0, \"input_length\": 1,\n");
  EXPECT_EQ(error_of([&] { read_mooncake_trace(bad_json); }),
            bad_json.string() + ":1: not a JSON object (invalid JSON)");
}

TEST(request_trace_test, decreasing_time_is_located) {
  ScratchDir dir;
  const auto a = dir.write("a.csv",
                           "TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
                           "2023-11-16 18:15:46.6805900,374,44\r\n"
                           "2023-11-16 18:15:46.6805900,1,1\r\n"
                           "2023-11-16 18:15:46.6805899,1,1\r\n");
  EXPECT_EQ(error_of([&] { read_request_trace(a); }),
            a.string() + ":4: TIMESTAMP: time goes backwards (earlier than line 3)");
  const auto g = dir.write("g.csv", "time_s,input_tokens,output_tokens\n0,1,2\n2,1,2\n\n1.5,1,2\n");
  EXPECT_EQ(error_of([&] { read_request_trace(g); }),
            g.string() + ":5: time_s: time goes backwards (earlier than line 3)");
  const auto m = dir.write("m.jsonl",
                           "{\"timestamp\": 10, \"input_length\": 1, \"output_length\": 2}\n"
                           "{\"timestamp\": 9, \"input_length\": 1, \"output_length\": 2}\n");
  EXPECT_EQ(error_of([&] { read_request_trace(m); }),
            m.string() + ":2: timestamp: time goes backwards (earlier than line 1)");
}

TEST(request_trace_test, header_only_file_has_no_requests) {
  ScratchDir dir;
  const auto g = dir.write("g.csv", "time_s,input_tokens,output_tokens\n");
  EXPECT_EQ(error_of([&] { read_request_trace(g); }), g.string() + ": no requests");
}

RequestTrace small_trace() {
  RequestTrace t;
  t.requests = {{0.0, 10, 1}, {1.0, 20, 2}, {4.0, 30, 3}};
  t.duration_s = trace_loop_period_s(t.requests);  // 4 + mean gap 2 = 6
  return t;
}

TEST(request_trace_test, replay_scales_times_and_ends_without_loop) {
  const RequestTrace t = small_trace();
  ASSERT_EQ(t.duration_s, 6.0);
  TraceReplay replay(t, 2.0, false);
  std::vector<double> times;
  while (const auto r = replay.next()) times.push_back(r->time_s);
  EXPECT_EQ(times, (std::vector<double>{0.0, 2.0, 8.0}));
  EXPECT_EQ(replay.emitted(), 3u);
  EXPECT_FALSE(replay.next().has_value());
  EXPECT_EQ(replay.emitted(), 3u);
}

TEST(request_trace_test, replay_loop_shifts_each_pass_by_the_scaled_period) {
  TraceReplay replay(small_trace(), 0.5, true);
  EXPECT_EQ(replay.period_s(), 3.0);
  std::vector<double> times;
  std::vector<std::int64_t> inputs;
  for (int i = 0; i < 7; ++i) {
    const auto r = replay.next();
    ASSERT_TRUE(r.has_value());
    times.push_back(r->time_s);
    inputs.push_back(r->input_tokens);
  }
  EXPECT_EQ(times, (std::vector<double>{0.0, 0.5, 2.0, 3.0, 3.5, 5.0, 6.0}));
  EXPECT_EQ(inputs, (std::vector<std::int64_t>{10, 20, 30, 10, 20, 30, 10}));
  EXPECT_EQ(replay.emitted(), 7u);
}

TEST(request_trace_test, replay_rejects_bad_arguments) {
  EXPECT_THROW(TraceReplay(small_trace(), 0.0, false), std::invalid_argument);
  EXPECT_THROW(TraceReplay(RequestTrace{}, 1.0, false), std::invalid_argument);
  RequestTrace single;
  single.requests = {{0.0, 1, 1}};
  single.duration_s = trace_loop_period_s(single.requests);
  EXPECT_EQ(single.duration_s, 0.0);
  EXPECT_THROW(TraceReplay(single, 1.0, true), std::invalid_argument);  // would never advance
  EXPECT_NO_THROW(TraceReplay(single, 1.0, false));
}

TEST(request_trace_test, sampler_same_stream_gives_same_draws_from_the_trace_rows) {
  RequestTrace t;
  for (std::int64_t i = 0; i < 50; ++i) {
    t.requests.push_back({static_cast<double>(i), 100 + i, 1000 + 7 * i});
  }
  std::set<std::pair<std::int64_t, std::int64_t>> rows;
  for (const auto& r : t.requests) rows.emplace(r.input_tokens, r.output_tokens);
  const TokenSizeSampler sampler(t);
  EXPECT_EQ(sampler.size(), 50u);
  RandomStream a(42, 7, 3), b(42, 7, 3), c(43, 7, 3);
  std::vector<std::pair<std::int64_t, std::int64_t>> da, db, dc;
  std::set<std::int64_t> seen;
  for (int i = 0; i < 500; ++i) {
    const auto x = sampler.sample(a);
    da.emplace_back(x.input_tokens, x.output_tokens);
    const auto y = sampler.sample(b);
    db.emplace_back(y.input_tokens, y.output_tokens);
    const auto z = sampler.sample(c);
    dc.emplace_back(z.input_tokens, z.output_tokens);
    EXPECT_TRUE(rows.count(da.back())) << da.back().first << "," << da.back().second;
    EXPECT_EQ(x.time_s, 0.0);
    seen.insert(x.input_tokens);
  }
  EXPECT_EQ(da, db);
  EXPECT_NE(da, dc);            // another seed draws differently
  EXPECT_GT(seen.size(), 40u);  // spread over the rows, not stuck on one
  EXPECT_THROW(TokenSizeSampler(RequestTrace{}), std::invalid_argument);
}

}  // namespace
}  // namespace aifsim::workload
