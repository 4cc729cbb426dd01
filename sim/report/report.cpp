// SPDX-License-Identifier: Apache-2.0
// Picks the kind of report for a directory, builds it and writes it.
#include "sim/report/report.h"

#include "sim/core/error.h"
#include "sim/output/atomic_file.h"
#include "sim/output/join.h"
#include "sim/report/run_data.h"
#include "sim/report/run_report.h"
#include "sim/report/sweep_report.h"
#include "sim/sweep/table.h"

namespace aifsim::report {
namespace {

using output::detail::join;

void require_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) throw InputError(join({dir.string(), ": no such directory"}));
  if (!std::filesystem::is_directory(dir, ec))
    throw InputError(join({dir.string(), ": not a directory (expected a run or sweep directory)"}));
  if (!std::filesystem::exists(dir / "summary.json", ec) && !is_sweep_directory(dir))
    throw InputError(join({dir.string(), ": not a run directory or a sweep directory (no summary.json or sweep.json)"}));
}

std::string run_outline(const ReportOutline& o, const std::optional<std::filesystem::path>& baseline) {
  std::string s = std::to_string(o.charts);
  s += " charts";
  if (o.racks > 0) {
    s += ", floor map of ";
    s += std::to_string(o.racks);
    s += " racks at ";
    s += o.peak_local;
  }
  if (baseline) {
    s += ", baseline ";
    s += baseline->string();
  }
  return s;
}

}  // namespace

Report build_report(const std::filesystem::path& dir, const std::optional<std::filesystem::path>& baseline) {
  require_directory(dir);
  if (is_sweep_directory(dir)) {
    if (baseline)
      throw InputError(join({baseline->string(), ": --baseline applies to a run's report, not to the sweep ",
                             dir.string()}));
    const sweep::SweepTable table = sweep::read_sweep_json(dir / "sweep.json");
    const RenderedSweepReport r = build_sweep_report(dir, table);
    std::string outline = std::to_string(r.outline.charts);
    outline += " charts: ";
    outline += std::to_string(r.outline.variants);
    outline += " variants, the summary keys that vary against ";
    outline += std::to_string(r.outline.axes);
    outline += r.outline.axes == 1 ? " field" : " fields";
    return {r.html, outline};
  }
  const RunData run = load_run_data(dir);
  std::optional<RunData> base;
  if (baseline) {
    require_directory(*baseline);
    if (is_sweep_directory(*baseline))
      throw InputError(join({baseline->string(), ": a sweep directory, not a run (--baseline takes a run directory)"}));
    base = load_run_data(*baseline);
  }
  RenderedReport r = build_run_report(run, base ? &*base : nullptr);
  return {std::move(r.html), run_outline(r.outline, baseline)};
}

std::filesystem::path default_report_path(const std::filesystem::path& dir) { return dir / "report.html"; }

void write_report(const std::filesystem::path& path, const Report& report) {
  output::write_file_atomic(path, report.html);
}

}  // namespace aifsim::report
