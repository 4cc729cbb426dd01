// SPDX-License-Identifier: Apache-2.0
// LLM inference request traces (Azure 2023, Mooncake, generic CSV): readers, replay, size sampling.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/rng.h"

namespace aifsim::workload {

/// One inference request of a trace.
struct TraceRequest {
  double time_s;               ///< arrival time (s) relative to the trace's first request
  std::int64_t input_tokens;   ///< prompt (context) tokens, >= 0
  std::int64_t output_tokens;  ///< generated tokens, >= 0
};

/// A whole request trace, as read from a file.
struct RequestTrace {
  /// Requests in file order, which is ascending time_s; the first one is at time 0.
  std::vector<TraceRequest> requests;
  /// Loop period (s): the last request's time plus the mean inter-arrival gap
  /// (last time / (count - 1)), so a looped trace has no zero gap at the seam. Equals
  /// last time * count / (count - 1); 0 for a single request or when all times are 0.
  double duration_s = 0.0;
  /// The reader that produced it: "azure", "mooncake" or "generic".
  std::string format;
  /// The file it was read from.
  std::string source;
};

/// The loop period of sorted requests as documented at RequestTrace::duration_s.
double trace_loop_period_s(const std::vector<TraceRequest>& requests);

/// Reads the Azure LLM inference trace 2023 CSV: header with TIMESTAMP, ContextTokens and
/// GeneratedTokens (any order, extra columns ignored), wall-clock timestamps
/// "YYYY-MM-DD hh:mm:ss[.f...]" (up to 9 fractional digits, no zone; parsed exactly to
/// integer nanoseconds), LF or CRLF line ends. Times become seconds after the first row.
/// Throws aifsim::InputError "PATH:LINE: COLUMN: message" for malformed rows, negative tokens
/// or a time earlier than the previous row's, "PATH: cannot open file" when unreadable.
RequestTrace read_azure_trace(const std::filesystem::path& path);

/// Reads a Mooncake (FAST'25) JSONL trace: one JSON object per line with "timestamp"
/// (milliseconds, number), "input_length" and "output_length" (non-negative integers);
/// other keys ("hash_ids") are ignored, blank lines skipped. Rows must be in time order.
/// Times become seconds after the first row. Throws aifsim::InputError as read_azure_trace.
RequestTrace read_mooncake_trace(const std::filesystem::path& path);

/// Reads aifsim's generic request CSV: header with time_s (s), input_tokens and
/// output_tokens in any order (extra columns ignored), LF or CRLF. Rows must be in
/// non-decreasing time order; times are shifted so the first row is at 0.
/// Throws aifsim::InputError as read_azure_trace.
RequestTrace read_generic_request_csv(const std::filesystem::path& path);

/// Writes a trace as aifsim's generic request CSV (LF line ends, shortest round-trip
/// numbers), readable by read_generic_request_csv. Throws aifsim::InputError
/// "PATH: cannot write file" on failure.
void write_generic_request_csv(const RequestTrace& trace, const std::filesystem::path& path);

/// Reads a request trace in `format`: "azure", "mooncake", "generic" or "auto" (detected
/// from the first line: a JSON object -> mooncake; a header naming TIMESTAMP or ContextTokens
/// -> azure; a header naming time_s -> generic; else InputError
/// "PATH:1: unknown request trace format (expected ...)"). An unknown `format` value is an
/// InputError too. A trace without any request is an InputError "PATH: no requests".
RequestTrace read_request_trace(const std::filesystem::path& path,
                                std::string_view format = "auto");

/// Replays a trace's arrivals in order, optionally looping forever.
///
/// Request i of loop k (k = 0, 1, ...) is emitted at
///   (k * trace.duration_s + requests[i].time_s) * time_scale,
/// i.e. every inter-arrival gap is multiplied by time_scale (2.0 replays twice as slowly,
/// 0.5 twice as fast), and each loop starts one scaled loop period after the previous one
/// (the period includes one mean gap after the last request, see RequestTrace::duration_s).
class TraceReplay {
 public:
  /// Throws std::invalid_argument for an empty trace, unsorted times, time_scale not > 0
  /// (or not finite), or loop with a duration_s not > 0 or shorter than the last time.
  TraceReplay(RequestTrace trace, double time_scale = 1.0, bool loop = false);

  /// The next request with its scaled absolute time (s), or std::nullopt once a non-looping
  /// replay has emitted every request (a looping one never ends).
  std::optional<TraceRequest> next();

  /// Requests returned by next() so far.
  std::uint64_t emitted() const { return emitted_; }

  /// Scaled loop period (s): trace.duration_s * time_scale.
  double period_s() const { return trace_.duration_s * time_scale_; }

 private:
  RequestTrace trace_;
  double time_scale_;
  bool loop_;
  std::size_t index_ = 0;
  std::uint64_t loop_count_ = 0;
  std::uint64_t emitted_ = 0;
};

/// Empirical request sizes: draws (input, output) token pairs jointly, uniformly over the
/// trace's rows, keeping their correlation.
class TokenSizeSampler {
 public:
  /// Throws std::invalid_argument for an empty trace.
  explicit TokenSizeSampler(const RequestTrace& trace);

  /// One row's token counts, time_s = 0. Uses one uniform_int draw of `rng` (more only on
  /// its rare rejections), so the same stream state gives the same draw.
  TraceRequest sample(aifsim::RandomStream& rng) const;

  /// Number of rows drawn from.
  std::size_t size() const { return sizes_.size(); }

 private:
  std::vector<TraceRequest> sizes_;
};

}  // namespace aifsim::workload
