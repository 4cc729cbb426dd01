// SPDX-License-Identifier: Apache-2.0
// Builds the generated reference from the schema, the summary keys, the timeseries columns and
// the event kinds.
#include "sim/run/reference_doc.h"

#include "sim/metrics/channels.h"
#include "sim/metrics/event_kind.h"
#include "sim/metrics/summary_keys.h"
#include "sim/scenario/schema.h"
#include "sim/scenario/spec_schema.h"

namespace aifsim::run {

std::string reference_markdown() {
  std::string md = scenario::markdown_reference(scenario::scenario_schema_info(), "aifsim scenario reference");
  md += "## summary.json keys\n\n";
  md += "Numeric keys of `summary.json`, in the order written; any of them can be limited in "
        "`checks:`.\n\n| Key | Meaning |\n|---|---|\n";
  for (const auto& k : metrics::summary_metric_keys())
    md += "| `" + std::string(k.key) + "` | " + std::string(k.meaning) + " |\n";
  md += "\n## timeseries.csv columns\n\n";
  md += "One row per `output.interval`: `time_s` (start of the interval, s since the run start) and "
        "`time_local`, then these columns, aggregated over the interval's ticks.\n\n"
        "| Column | Unit | Aggregate | Meaning |\n|---|---|---|---|\n";
  for (const auto& c : metrics::timeseries_columns())
    md += "| `" + std::string(c.name) + "` | " + std::string(c.unit) + " | " +
          (c.aggregate == metrics::Aggregate::max           ? "max"
           : c.aggregate == metrics::Aggregate::per_request ? "mean per request"
                                                            : "time-weighted mean") + " | " + std::string(c.meaning) +
          " |\n";
  md += "\n## events.csv kinds\n\n";
  md += "Values of the `kind` column of `events.csv`.\n\n| Kind | Meaning |\n|---|---|\n";
  for (const auto& k : metrics::event_kinds())
    md += "| `" + std::string(k.name) + "` | " + std::string(k.meaning) + " |\n";
  return md;
}

}  // namespace aifsim::run
