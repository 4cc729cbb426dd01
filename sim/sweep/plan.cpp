// SPDX-License-Identifier: Apache-2.0
// Expanding a SweepSpec into its variants: grid, samples, named variants, replications.
#include "sim/sweep/plan.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/core/rng.h"
#include "sim/output/csv_writer.h"
#include "sim/output/run_directory.h"

namespace aifsim::sweep {
namespace {

// Random stream purposes of the two samplers (>= 1000: outside the simulation's own).
constexpr std::uint64_t kRandomSamplePurpose = 1001;
constexpr std::uint64_t kLatinHypercubePurpose = 1002;

std::string leaf(const std::string& field) {
  const auto dot = field.rfind('.');
  return dot == std::string::npos ? field : field.substr(dot + 1);
}

// A sampled value in [0, 1) placed on the axis: a stepped range snaps to its grid, an
// integer range to an integer, a continuous one is rounded to three more decimals than its
// inputs (enough resolution, and names stay readable).
FieldValue place(const RangeSpec& r, double u) {
  double v = r.from + u * (r.to - r.from);
  if (r.step != 0) {
    const double steps = std::floor((r.to - r.from) / r.step + 1e-9);
    v = r.from + std::min(std::floor(u * (steps + 1)), steps) * r.step;
  } else if (r.integer) {
    v = std::min(std::floor(r.from + u * (r.to - r.from + 1)), r.to);
  }
  const double scale = std::pow(10.0, r.integer ? 0 : r.decimals + (r.step != 0 ? 0 : 3));
  v = std::round(v * scale) / scale;
  const std::string text = output::format_number(v);
  return FieldValue{text, text, r.mark};
}

// samples[k][a]: sample k's value of the a-th range axis.
std::vector<std::vector<FieldValue>> draw_samples(const SweepSpec& spec, const std::vector<const Axis*>& ranges) {
  const auto n = static_cast<std::size_t>(spec.sampling.samples);
  std::vector<std::vector<FieldValue>> out(n);
  for (std::size_t a = 0; a < ranges.size(); ++a) {
    const bool lhs = spec.sampling.kind == Sampling::Kind::latin_hypercube;
    RandomStream rng(spec.sampling.seed, a, lhs ? kLatinHypercubePurpose : kRandomSamplePurpose);
    std::vector<std::size_t> strata(n);
    std::iota(strata.begin(), strata.end(), 0);
    if (lhs)  // Fisher-Yates: each of the n strata of this axis is used by exactly one sample
      for (std::size_t i = n; i > 1; --i) std::swap(strata[i - 1], strata[rng.uniform_int(i)]);
    for (std::size_t k = 0; k < n; ++k) {
      const double u = lhs ? (static_cast<double>(strata[k]) + rng.uniform()) / static_cast<double>(n) : rng.uniform();
      out[k].push_back(place(*ranges[a]->range, u));
    }
  }
  return out;
}

// One point of the inner space: the value of each axis (in axis order).
using Point = std::vector<FieldValue>;

std::vector<Point> points(const SweepSpec& spec) {
  std::vector<const Axis*> gridded, sampled;
  for (const Axis& a : spec.axes) (a.values.empty() ? sampled : gridded).push_back(&a);
  // The grid of the gridded axes, last axis fastest (an odometer).
  std::vector<std::vector<const FieldValue*>> grid{{}};
  for (const Axis* a : gridded) {
    std::vector<std::vector<const FieldValue*>> next;
    for (const auto& prefix : grid)
      for (const FieldValue& v : a->values) {
        next.push_back(prefix);
        next.back().push_back(&v);
      }
    grid = std::move(next);
  }
  const auto samples = sampled.empty() ? std::vector<std::vector<FieldValue>>{{}} : draw_samples(spec, sampled);
  std::vector<Point> out;
  for (const auto& g : grid)
    for (const auto& s : samples) {
      Point p;
      std::size_t gi = 0, si = 0;
      for (const Axis& a : spec.axes) p.push_back(a.values.empty() ? s[si++] : *g[gi++]);
      out.push_back(std::move(p));
    }
  return out;
}

}  // namespace

SweepPlan expand_plan(const SweepSpec& spec) {
  SweepPlan plan;
  plan.name = spec.name;
  plan.base = spec.base;
  plan.base_text = spec.base_text;
  plan.replications = spec.replications > 0;
  for (const Axis& a : spec.axes) plan.fields.push_back(a.field);
  for (const NamedVariant& nv : spec.variants)
    for (const Setting& s : nv.set)
      if (std::find(plan.fields.begin(), plan.fields.end(), s.field) == plan.fields.end())
        plan.fields.push_back(s.field);

  const NamedVariant unnamed;
  std::vector<const NamedVariant*> named;
  for (const NamedVariant& nv : spec.variants) named.push_back(&nv);
  if (named.empty()) named.push_back(&unnamed);
  const std::vector<Point> inner = points(spec);
  const int reps = std::max(spec.replications, 1);

  for (const NamedVariant* nv : named)
    for (const Point& p : inner)
      for (int r = 0; r < reps; ++r) {
        Variant v;
        v.index = plan.variants.size();
        v.replication = plan.replications ? r : -1;
        v.values.resize(plan.fields.size());
        const auto put = [&](const Setting& s) {
          v.settings.push_back(s);
          const auto col = std::find(plan.fields.begin(), plan.fields.end(), s.field);
          if (col != plan.fields.end()) v.values[static_cast<std::size_t>(col - plan.fields.begin())] = s.value;
        };
        for (const Setting& s : spec.set) v.settings.push_back(s);
        for (const Setting& s : nv->set) put(s);
        std::vector<std::string> parts;
        if (!nv->name.empty()) parts.push_back(nv->name);
        for (std::size_t a = 0; a < spec.axes.size(); ++a) {
          put(Setting{spec.axes[a].field, p[a]});
          parts.push_back(leaf(spec.axes[a].field) + "=" + p[a].display);
        }
        if (plan.replications) parts.push_back("rep=" + std::to_string(r));
        for (const auto& part : parts) v.name += (v.name.empty() ? "" : ",") + part;
        if (v.name.empty()) v.name = "base";
        plan.variants.push_back(std::move(v));
      }
  return plan;
}

std::string variant_dir_name(const SweepPlan& plan, const Variant& variant) {
  std::size_t width = 4;
  for (std::size_t n = plan.variants.empty() ? 0 : plan.variants.size() - 1; n >= 10000; n /= 10) ++width;
  std::string number = std::to_string(variant.index);
  if (number.size() < width) number.insert(0, width - number.size(), '0');
  std::string name = variant.name;
  std::replace(name.begin(), name.end(), '=', '-');
  std::replace(name.begin(), name.end(), ',', '_');
  return number + "-" + output::sanitize_scenario_name(name);
}

std::vector<std::size_t> shard_variants(const SweepPlan& plan, int shard_index, int shard_count) {
  std::vector<std::size_t> out;
  for (const Variant& v : plan.variants)
    if (static_cast<int>(v.index % static_cast<std::size_t>(shard_count)) == shard_index) out.push_back(v.index);
  return out;
}

}  // namespace aifsim::sweep
