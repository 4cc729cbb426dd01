// SPDX-License-Identifier: Apache-2.0
// GPU job traces for the batch scheduler: the Alibaba GPU pod trace and aifsim's job CSV.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace aifsim::workload {

/// One GPU job to replay: it arrives, waits for `gpus` GPUs (each `gpu_share` of a GPU), then
/// holds them for `duration_s`.
struct TraceJob {
  std::string name;
  double arrival_s = 0.0;   ///< submission time, s from the trace start (>= 0)
  double duration_s = 0.0;  ///< run time once placed, s (> 0)
  int gpus = 1;             ///< GPUs requested (>= 1)
  double gpu_share = 1.0;   ///< fraction of each GPU, (0, 1]; < 1 only for shared single-GPU pods
  int priority = 0;         ///< higher runs first
};

/// A parsed trace. Rows that are well formed but cannot become jobs (never scheduled, 0 GPUs,
/// non-positive run time) are counted in `skipped`, never silently dropped.
struct JobTrace {
  std::vector<TraceJob> jobs;  ///< sorted by arrival_s (stable: file order among equal times)
  std::string format;          ///< "alibaba_pod" or "generic"
  std::string source;          ///< path the trace was read from
  std::size_t skipped = 0;     ///< data rows that did not become jobs
};

/// Format names accepted by read_job_trace.
inline constexpr std::string_view kAlibabaPodFormat = "alibaba_pod";
inline constexpr std::string_view kGenericJobFormat = "generic";

/// Reads the Alibaba GPU cluster pod trace (clusterdata cluster-trace-gpu-v2023,
/// openb_pod_list_*.csv). Required columns: name, num_gpu, gpu_milli, qos, creation_time,
/// deletion_time, scheduled_time (times in s from the trace start); others are ignored. Per pod:
///  - arrival_s = creation_time; duration_s = deletion_time - scheduled_time, the run time
///    (queueing before scheduled_time is the scheduler's to model, not the job's). Pods still
///    running at trace end have deletion_time = trace end, so their run time is truncated.
///  - gpus = num_gpu; gpu_share = gpu_milli / 1000 when num_gpu == 1 and 0 < gpu_milli < 1000,
///    else 1.
///  - priority from qos: LS 3 > Guaranteed 2 > Burstable 1 > BE 0.
///  - skipped, not an error: num_gpu == 0 (CPU-only pods), an empty scheduled_time (never
///    scheduled, e.g. Pending) or deletion_time, or deletion_time <= scheduled_time.
/// Empty gpu_spec cells (= any GPU model) are fine; pod_phase is not used.
/// Throws InputError "PATH:LINE: column NAME: message" on malformed cells (non-numeric,
/// negative num_gpu, gpu_milli outside [0, 1000], unknown qos), "PATH:1: column NAME: missing
/// from the header" for a missing column and "PATH: cannot open file" when unreadable.
JobTrace read_alibaba_pod_trace(const std::filesystem::path& path);

/// Reads aifsim's job CSV: header with arrival_s (s, >= 0), duration_s (s, > 0) and gpus
/// (whole number >= 1), optionally name (default "job-N", N the 0-based data row), priority
/// (whole number, default 0) and gpu_share ((0, 1], default 1); any column order, extra
/// columns ignored, empty optional cells take the default, blank lines are skipped. Cells may
/// be double-quoted ("a,b" or "say ""hi"""). Same errors as read_alibaba_pod_trace.
JobTrace read_generic_job_csv(const std::filesystem::path& path);

/// Reads a job trace in `format`: "alibaba_pod", "generic", or "auto" to pick from the header
/// (alibaba_pod if it has num_gpu and creation_time, generic if it has arrival_s; otherwise
/// InputError "PATH:1: unknown job trace format (expected ...)").
JobTrace read_job_trace(const std::filesystem::path& path, std::string_view format = "auto");

/// The jobs as aifsim's job CSV (name,arrival_s,duration_s,gpus,gpu_share,priority), numbers
/// in shortest round-trip form, so read_generic_job_csv gives the same jobs back.
std::string to_generic_job_csv(const JobTrace& trace);

/// Totals over a trace's jobs.
struct JobTraceStats {
  std::size_t jobs = 0;
  double gpu_hours = 0.0;                    ///< sum of gpus x gpu_share x duration_s / 3600, GPU-h
  std::map<int, std::size_t> jobs_by_gpus;   ///< GPUs per job -> number of jobs
  double first_arrival_s = 0.0;              ///< earliest arrival, s (0 when no jobs)
  double last_arrival_s = 0.0;               ///< latest arrival, s (0 when no jobs)
};

/// Counts and GPU-hours of `trace`.
JobTraceStats job_trace_stats(const JobTrace& trace);

}  // namespace aifsim::workload
