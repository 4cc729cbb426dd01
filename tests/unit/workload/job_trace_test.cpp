// SPDX-License-Identifier: Apache-2.0
// Tests for sim/workload/job_trace.h: the Alibaba GPU pod trace, the job CSV and their errors.
#include "sim/workload/job_trace.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/error.h"
#include "tests/test_support.h"

namespace aifsim::workload {
namespace {

const std::filesystem::path kPodTrace = std::filesystem::path(AIFSIM_SHARED_DATA_DIR) /
                                        "alibaba_gpu_v2023" /
                                        "openb_pod_list_default_until_day138.csv";

// The message of the InputError that reading `path` throws, or "" when it does not throw.
std::string error_of(const std::filesystem::path& path, std::string_view format = "auto") {
  try {
    (void)read_job_trace(path, format);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(s);
  while (std::getline(in, cell, sep)) out.push_back(cell);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

// The raw pod CSV, split naively (the file has no quoted cells): data rows only.
struct RawPods {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

RawPods raw_pods() {
  RawPods raw;
  std::istringstream in(test::read_file(kPodTrace));
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (first) {
      raw.header = split(line, ',');
      first = false;
    } else {
      raw.rows.push_back(split(line, ','));
    }
  }
  return raw;
}

std::size_t column(const RawPods& raw, const std::string& name) {
  for (std::size_t i = 0; i < raw.header.size(); ++i) {
    if (raw.header[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

TEST(job_trace_test, alibaba_rows_are_jobs_or_skipped) {
  AIFSIM_REQUIRE_SHARED_DATA(kPodTrace);
  const RawPods raw = raw_pods();
  EXPECT_EQ(raw.rows.size(), 4889u);  // README: 4,889 pods
  const JobTrace trace = read_job_trace(kPodTrace);
  EXPECT_EQ(trace.format, "alibaba_pod");
  EXPECT_EQ(trace.source, kPodTrace.string());
  EXPECT_GT(trace.jobs.size(), 0u);
  EXPECT_GT(trace.skipped, 0u);
  EXPECT_EQ(trace.jobs.size() + trace.skipped, raw.rows.size());
}

TEST(job_trace_test, alibaba_raw_num_gpu_counts_match_readme) {
  AIFSIM_REQUIRE_SHARED_DATA(kPodTrace);
  const RawPods raw = raw_pods();
  const std::size_t num_gpu = column(raw, "num_gpu");
  std::map<int, std::size_t> counts;
  long total_gpus = 0;
  for (const auto& r : raw.rows) {
    const int n = std::stoi(r.at(num_gpu));
    ++counts[n];
    total_gpus += n;
  }
  const std::map<int, std::size_t> readme = {{0, 711}, {1, 4131}, {2, 8}, {4, 6}, {8, 33}};
  EXPECT_EQ(counts, readme);
  EXPECT_EQ(total_gpus, 4435);  // README: 4,435 GPUs requested in total
}

TEST(job_trace_test, alibaba_jobs_by_gpus_matches_raw_rows) {
  AIFSIM_REQUIRE_SHARED_DATA(kPodTrace);
  const RawPods raw = raw_pods();
  const std::size_t num_gpu = column(raw, "num_gpu");
  const std::size_t sched = column(raw, "scheduled_time");
  const std::size_t del = column(raw, "deletion_time");
  const std::size_t milli = column(raw, "gpu_milli");
  std::map<int, std::size_t> expected;
  double expected_gpu_hours = 0.0;
  std::size_t expected_skipped = 0;
  for (const auto& r : raw.rows) {
    const int n = std::stoi(r.at(num_gpu));
    const bool scheduled = !r.at(sched).empty() && !r.at(del).empty();
    const double run_s = scheduled ? std::stod(r.at(del)) - std::stod(r.at(sched)) : 0.0;
    if (n == 0 || !scheduled || run_s <= 0) {
      ++expected_skipped;
      continue;
    }
    ++expected[n];
    const int m = std::stoi(r.at(milli));
    const double share = (n == 1 && m > 0 && m < 1000) ? m / 1000.0 : 1.0;
    expected_gpu_hours += n * share * run_s / 3600.0;
  }
  const JobTrace trace = read_alibaba_pod_trace(kPodTrace);
  const JobTraceStats stats = job_trace_stats(trace);
  EXPECT_EQ(stats.jobs_by_gpus, expected);
  EXPECT_EQ(trace.skipped, expected_skipped);
  EXPECT_EQ(stats.jobs, trace.jobs.size());
  EXPECT_NEAR(stats.gpu_hours, expected_gpu_hours, 1e-9 * expected_gpu_hours);
  // Every count the README gives for GPU pods that ran is at most its raw count.
  EXPECT_LE(expected[1], 4131u);
  EXPECT_LE(expected[8], 33u);
  EXPECT_EQ(stats.jobs_by_gpus.count(0), 0u);
}

TEST(job_trace_test, alibaba_jobs_sorted_and_mapped) {
  AIFSIM_REQUIRE_SHARED_DATA(kPodTrace);
  const JobTrace trace = read_alibaba_pod_trace(kPodTrace);
  ASSERT_GE(trace.jobs.size(), 2u);
  for (std::size_t i = 1; i < trace.jobs.size(); ++i) {
    ASSERT_LE(trace.jobs[i - 1].arrival_s, trace.jobs[i].arrival_s) << "job " << i;
  }
  for (const TraceJob& j : trace.jobs) {
    ASSERT_GE(j.gpus, 1) << j.name;
    ASSERT_GT(j.duration_s, 0.0) << j.name;
    ASSERT_GT(j.gpu_share, 0.0) << j.name;
    ASSERT_LE(j.gpu_share, 1.0) << j.name;
    if (j.gpus > 1) {
      ASSERT_EQ(j.gpu_share, 1.0) << j.name;
    }
    ASSERT_GE(j.priority, 0) << j.name;
    ASSERT_LE(j.priority, 3) << j.name;
  }
  // First rows: openb-pod-0000,12000,16384,1,1000,,LS,Running,0,12537496,0
  //             openb-pod-0001,6000,12288,1,460,,LS,Running,427061,12902960,427061
  EXPECT_EQ(trace.jobs[0].name, "openb-pod-0000");
  EXPECT_EQ(trace.jobs[0].arrival_s, 0.0);
  EXPECT_EQ(trace.jobs[0].duration_s, 12537496.0);
  EXPECT_EQ(trace.jobs[0].gpu_share, 1.0);
  EXPECT_EQ(trace.jobs[0].priority, 3);
  EXPECT_EQ(trace.jobs[1].name, "openb-pod-0001");
  EXPECT_EQ(trace.jobs[1].duration_s, 12902960.0 - 427061.0);
  EXPECT_DOUBLE_EQ(trace.jobs[1].gpu_share, 0.46);
  const JobTraceStats stats = job_trace_stats(trace);
  EXPECT_EQ(stats.first_arrival_s, 0.0);
  EXPECT_LT(stats.last_arrival_s, 11923200.0);  // README: the cut at day 138
}

TEST(job_trace_test, alibaba_small_file_skips_and_priorities) {
  const test::ScratchDir dir;
  const auto p = dir.write(
      "pods.csv",
      "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,"
      "deletion_time,scheduled_time\n"
      "p0,1000,1024,1,250,,BE,Running,50,200,60\n"            // job: share 0.25, 140 s
      "p1,1000,1024,0,0,,LS,Running,10,20,10\n"               // skipped: CPU only
      "p2,1000,1024,2,1000,V100M16|T4,Guaranteed,Pending,30,40,\n"  // skipped: never scheduled
      "p3,1000,1024,4,1000,,Burstable,Failed,40,70,70\n"      // skipped: zero run time
      "p4,1000,1024,8,1000,,Guaranteed,Succeeded,20,120,25\n"  // job: 8 GPUs, 95 s
      "p5,1000,1024,1,1000,,Burstable,Running,20,30,21\n");   // job: whole GPU, 9 s
  const JobTrace t = read_job_trace(p);
  EXPECT_EQ(t.format, "alibaba_pod");
  EXPECT_EQ(t.skipped, 3u);
  ASSERT_EQ(t.jobs.size(), 3u);
  // Sorted by arrival, stable among equal arrivals (p4 before p5).
  EXPECT_EQ(t.jobs[0].name, "p4");
  EXPECT_EQ(t.jobs[0].priority, 2);
  EXPECT_EQ(t.jobs[0].gpus, 8);
  EXPECT_EQ(t.jobs[0].duration_s, 95.0);
  EXPECT_EQ(t.jobs[1].name, "p5");
  EXPECT_EQ(t.jobs[1].priority, 1);
  EXPECT_EQ(t.jobs[1].gpu_share, 1.0);
  EXPECT_EQ(t.jobs[2].name, "p0");
  EXPECT_EQ(t.jobs[2].priority, 0);
  EXPECT_EQ(t.jobs[2].gpu_share, 0.25);
  EXPECT_EQ(t.jobs[2].duration_s, 140.0);
  const JobTraceStats s = job_trace_stats(t);
  EXPECT_DOUBLE_EQ(s.gpu_hours, (8 * 95.0 + 9.0 + 0.25 * 140.0) / 3600.0);
  EXPECT_EQ(s.jobs_by_gpus, (std::map<int, std::size_t>{{1, 2}, {8, 1}}));
  EXPECT_EQ(s.first_arrival_s, 20.0);
  EXPECT_EQ(s.last_arrival_s, 50.0);
}

TEST(job_trace_test, alibaba_errors_are_located) {
  const test::ScratchDir dir;
  const std::string header =
      "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,"
      "deletion_time,scheduled_time\n";
  const auto neg = dir.write("neg.csv", header + "p0,1,1,1,1000,,LS,Running,0,9,1\n"
                                                 "p1,1,1,-1,1000,,LS,Running,0,9,1\n");
  EXPECT_EQ(error_of(neg), neg.string() + ":3: column num_gpu: must be a whole number >= 0 (got -1)");
  const auto qos = dir.write("qos.csv", header + "p0,1,1,1,1000,,Gold,Running,0,9,1\n");
  EXPECT_EQ(error_of(qos), qos.string() +
                               ":2: column qos: unknown QoS 'Gold' (expected LS, Guaranteed, "
                               "Burstable or BE)");
  const auto milli = dir.write("milli.csv", header + "p0,1,1,1,1500,,LS,Running,0,9,1\n");
  EXPECT_EQ(error_of(milli),
            milli.string() + ":2: column gpu_milli: must be within [0, 1000] (got 1500)");
  const auto sched = dir.write("sched.csv", header + "p0,1,1,1,1000,,LS,Running,0,9,soon\n");
  EXPECT_EQ(error_of(sched),
            sched.string() + ":2: column scheduled_time: not a number ('soon')");
  const auto created = dir.write("created.csv", header + "p0,1,1,1,1000,,LS,Running,,9,1\n");
  EXPECT_EQ(error_of(created),
            created.string() + ":2: column creation_time: empty (expected a number)");
  const auto cells = dir.write("cells.csv", header + "p0,1,1,1,1000,,LS,Running,0,9\n");
  EXPECT_EQ(error_of(cells), cells.string() + ":2: expected 11 cells like the header, got 10");
  const auto missing =
      dir.write("missing.csv", "name,num_gpu,gpu_milli,qos,creation_time,deletion_time\n");
  EXPECT_EQ(error_of(missing, "alibaba_pod"),
            missing.string() + ":1: column scheduled_time: missing from the header");
}

TEST(job_trace_test, generic_round_trip) {
  JobTrace in;
  in.jobs = {{"train, \"big\"", 0.0, 3600.5, 8, 1.0, 5},
             {"infer-a", 0.1, 1e-3, 1, 0.3, 0},
             {"ft", 12345.678901234567, 86400.0, 2, 1.0, -2},
             {" spaced ", 99999999.25, 7.0 / 3.0, 1, 1.0 / 7.0, 1}};
  const test::ScratchDir dir;
  const auto p = dir.write("jobs.csv", to_generic_job_csv(in));
  const JobTrace out = read_job_trace(p);
  EXPECT_EQ(out.format, "generic");
  EXPECT_EQ(out.skipped, 0u);
  ASSERT_EQ(out.jobs.size(), in.jobs.size());
  for (std::size_t i = 0; i < in.jobs.size(); ++i) {
    EXPECT_EQ(out.jobs[i].name, in.jobs[i].name) << i;
    EXPECT_EQ(out.jobs[i].arrival_s, in.jobs[i].arrival_s) << i;
    EXPECT_EQ(out.jobs[i].duration_s, in.jobs[i].duration_s) << i;
    EXPECT_EQ(out.jobs[i].gpus, in.jobs[i].gpus) << i;
    EXPECT_EQ(out.jobs[i].gpu_share, in.jobs[i].gpu_share) << i;
    EXPECT_EQ(out.jobs[i].priority, in.jobs[i].priority) << i;
  }
  // Writing what was read gives the same text.
  EXPECT_EQ(to_generic_job_csv(out), test::read_file(p));
}

TEST(job_trace_test, generic_defaults_order_and_extra_columns) {
  const test::ScratchDir dir;
  const auto p = dir.write("jobs.csv",
                           "gpus,comment,duration_s,arrival_s\r\n"
                           "4,late,100,50\r\n"
                           "\r\n"
                           "1,early,10,5\r\n");
  const JobTrace t = read_generic_job_csv(p);
  ASSERT_EQ(t.jobs.size(), 2u);
  EXPECT_EQ(t.jobs[0].name, "job-1");  // 0-based data row, before sorting
  EXPECT_EQ(t.jobs[0].arrival_s, 5.0);
  EXPECT_EQ(t.jobs[0].gpus, 1);
  EXPECT_EQ(t.jobs[0].gpu_share, 1.0);
  EXPECT_EQ(t.jobs[0].priority, 0);
  EXPECT_EQ(t.jobs[1].name, "job-0");
  EXPECT_EQ(t.jobs[1].gpus, 4);
  EXPECT_EQ(t.jobs[1].duration_s, 100.0);
}

TEST(job_trace_test, format_detection) {
  const test::ScratchDir dir;
  const auto pods = dir.write("a.csv",
                              "name,num_gpu,gpu_milli,qos,creation_time,deletion_time,"
                              "scheduled_time\np0,1,500,LS,0,10,1\n");
  const auto jobs = dir.write("b.csv", "arrival_s,duration_s,gpus\n0,10,1\n");
  const auto other = dir.write("c.csv", "time,dry_bulb_c\n2026-01-01T00:00:00Z,20\n");
  EXPECT_EQ(read_job_trace(pods).format, "alibaba_pod");
  EXPECT_EQ(read_job_trace(pods).jobs.at(0).gpu_share, 0.5);
  EXPECT_EQ(read_job_trace(jobs).format, "generic");
  EXPECT_EQ(read_job_trace(jobs, "generic").jobs.size(), 1u);
  EXPECT_EQ(error_of(other),
            other.string() +
                ":1: unknown job trace format (expected an Alibaba pod trace header with num_gpu "
                "and creation_time, or a job CSV header with arrival_s,duration_s,gpus)");
  // A forced format reads the header as that format.
  EXPECT_EQ(error_of(jobs, "alibaba_pod"), jobs.string() + ":1: column name: missing from the header");
  EXPECT_EQ(error_of(jobs, "borg"),
            jobs.string() + ": unknown job trace format 'borg' (expected auto, alibaba_pod or generic)");
  const auto absent = dir.path() / "absent.csv";
  EXPECT_EQ(error_of(absent), absent.string() + ": cannot open file");
  const auto empty = dir.write("empty.csv", "");
  EXPECT_EQ(error_of(empty), empty.string() + ":1: empty file (expected a header row)");
}

TEST(job_trace_test, generic_non_numeric_cell) {
  const test::ScratchDir dir;
  const auto p = dir.write("jobs.csv", "name,arrival_s,duration_s,gpus\na,0,10,1\nb,5,ten,2\n");
  EXPECT_EQ(error_of(p), p.string() + ":3: column duration_s: not a number ('ten')");
}

TEST(job_trace_test, generic_missing_column) {
  const test::ScratchDir dir;
  const auto p = dir.write("jobs.csv", "arrival_s,gpus,name\n0,1,a\n");
  EXPECT_EQ(error_of(p), p.string() + ":1: column duration_s: missing from the header");
}

TEST(job_trace_test, generic_negative_gpus) {
  const test::ScratchDir dir;
  const auto p = dir.write("jobs.csv", "arrival_s,duration_s,gpus\n0,10,1\n1,10,-2\n");
  EXPECT_EQ(error_of(p), p.string() + ":3: column gpus: must be a whole number >= 1 (got -2)");
}

TEST(job_trace_test, generic_other_errors) {
  const test::ScratchDir dir;
  const auto zero = dir.write("zero.csv", "arrival_s,duration_s,gpus\n0,10,0\n");
  EXPECT_EQ(error_of(zero), zero.string() + ":2: column gpus: must be a whole number >= 1 (got 0)");
  const auto frac = dir.write("frac.csv", "arrival_s,duration_s,gpus\n0,10,1.5\n");
  EXPECT_EQ(error_of(frac), frac.string() + ":2: column gpus: must be a whole number >= 1 (got 1.5)");
  const auto share = dir.write("share.csv", "arrival_s,duration_s,gpus,gpu_share\n0,10,1,1.2\n");
  EXPECT_EQ(error_of(share), share.string() + ":2: column gpu_share: must be within (0, 1] (got 1.2)");
  const auto dur = dir.write("dur.csv", "arrival_s,duration_s,gpus\n0,0,1\n");
  EXPECT_EQ(error_of(dur), dur.string() + ":2: column duration_s: must be > 0 (got 0)");
  const auto arr = dir.write("arr.csv", "arrival_s,duration_s,gpus\n-1,5,1\n");
  EXPECT_EQ(error_of(arr), arr.string() + ":2: column arrival_s: must be >= 0 (got -1)");
  const auto dup = dir.write("dup.csv", "arrival_s,duration_s,gpus,gpus\n0,5,1,1\n");
  EXPECT_EQ(error_of(dup), dup.string() + ":1: column gpus: appears twice in the header");
  const auto quote = dir.write("quote.csv", "name,arrival_s,duration_s,gpus\n\"a,0,5,1\n");
  EXPECT_EQ(error_of(quote), quote.string() + ":2: unterminated quoted cell");
  const auto nan = dir.write("nan.csv", "arrival_s,duration_s,gpus\nnan,5,1\n");
  EXPECT_EQ(error_of(nan), nan.string() + ":2: column arrival_s: not a number ('nan')");
}

TEST(job_trace_test, stats_of_empty_trace) {
  const JobTraceStats s = job_trace_stats(JobTrace{});
  EXPECT_EQ(s.jobs, 0u);
  EXPECT_EQ(s.gpu_hours, 0.0);
  EXPECT_TRUE(s.jobs_by_gpus.empty());
  EXPECT_EQ(s.first_arrival_s, 0.0);
  EXPECT_EQ(s.last_arrival_s, 0.0);
}

}  // namespace
}  // namespace aifsim::workload
