// SPDX-License-Identifier: Apache-2.0
// The sweep file (SWEEP.yaml) as plain data: a base scenario, settings for every variant,
// axes (value lists or ranges), named variants, replications and sampling. Read here with
// located errors; expanded into variants by plan.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/doc.h"

namespace aifsim::sweep {

/// One value for a scenario field, as YAML: `yaml` is what the override feeds the scenario
/// loader, `display` the one-line text for names and tables.
struct FieldValue {
  std::string yaml;
  std::string display;
  scenario::Mark mark;
};

/// A `field: value` setting, applied like `aifsim run --set field=value`.
struct Setting {
  std::string field;  ///< a scenario field path, e.g. control.power_cap.target_mw
  FieldValue value;
};

/// `range: {from, to, step}`: from, from + step, ... up to and including `to`. Integer when
/// all three are integers; otherwise values are rounded to the inputs' decimal places so
/// that 0.1 steps give "0.3", not "0.30000000000000004".
struct RangeSpec {
  double from = 0, to = 0, step = 0;  ///< step 0: not given (sampling only)
  bool integer = false;
  int decimals = 0;  ///< the most decimal places among from, to and step
  scenario::Mark mark;
};

struct Axis {
  std::string field;
  scenario::Mark field_mark;
  std::vector<FieldValue> values;  ///< the list, or the range expanded (empty: sampled)
  std::optional<RangeSpec> range;
};

/// A named variant: `{name, set: {field: value}}`.
struct NamedVariant {
  std::string name;
  scenario::Mark mark;
  std::vector<Setting> set;
};

/// `random:` or `latin_hypercube:` sampling of the range axes.
struct Sampling {
  enum class Kind { none, random, latin_hypercube };
  Kind kind = Kind::none;
  int samples = 0;
  std::uint64_t seed = 0;
  scenario::Mark mark;
};

struct SweepSpec {
  std::filesystem::path file;  ///< the sweep file as given
  std::string name;            ///< `name:`, else the file's stem
  std::filesystem::path base;  ///< the base scenario, relative to the sweep file resolved
  std::string base_text;       ///< `base:` as written (recorded in sweep.json)
  scenario::Mark base_mark;
  std::vector<Setting> set;
  std::vector<Axis> axes;
  std::vector<NamedVariant> variants;
  int replications = 0;  ///< 0: none (no replication column); N >= 1: seeds base + 0..N-1
  Sampling sampling;
};

/// Reads a sweep file. Throws InputError "file:line:col: field: message" for a syntax error,
/// an unknown key, an axis without values, a bad range or bad sampling. Does not open the
/// base scenario (load_variants checks the fields against it).
SweepSpec read_sweep_file(const std::filesystem::path& path);

/// The same from an already parsed document (for tests); `path` locates the base.
SweepSpec read_sweep_doc(const scenario::DocNode& doc, const std::filesystem::path& path);

}  // namespace aifsim::sweep
