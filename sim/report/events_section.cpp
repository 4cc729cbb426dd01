// SPDX-License-Identifier: Apache-2.0
// Events as markers, lanes and tables (see events_section.h).
#include "sim/report/events_section.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/metrics/event_kind.h"
#include "sim/report/html_page.h"
#include "sim/report/html_text.h"
#include "sim/report/run_report.h"

namespace aifsim::report {
namespace {

constexpr std::size_t kListedEvents = 200;

// Kinds in the reference's order, unknown ones (a newer aifsim's) after them.
std::vector<std::string> kinds_present(const std::vector<EventRecord>& events) {
  std::vector<std::string> kinds;
  for (const metrics::EventKindInfo& k : metrics::event_kinds())
    if (std::any_of(events.begin(), events.end(), [&](const EventRecord& e) { return e.kind == k.name; }))
      kinds.emplace_back(k.name);
  for (const EventRecord& e : events)
    if (std::find(kinds.begin(), kinds.end(), e.kind) == kinds.end()) kinds.push_back(e.kind);
  return kinds;
}

std::map<std::string, std::size_t> counts(const std::vector<EventRecord>& events) {
  std::map<std::string, std::size_t> n;
  for (const EventRecord& e : events) ++n[e.kind];
  return n;
}

// A colour per family of kinds: faults red, rack protection brown, thermal orange, the cap
// controller purple, overloads black, service commands grey.
std::string kind_colour(std::string_view kind) {
  if (kind.starts_with("cdu_") || kind.starts_with("chiller_")) return "#e31a1c";
  if (kind == "rack_trip" || kind == "rack_restart") return "#b15928";
  if (kind.find("slowdown") != std::string_view::npos || kind == "thermal_shutdown") return "#ff7f00";
  if (kind.starts_with("cap_") || kind.ends_with("_cap")) return "#6a3d9a";
  if (kind == "power_overload") return "#000000";
  return "#737373";
}

std::string meaning(std::string_view kind) {
  for (const metrics::EventKindInfo& k : metrics::event_kinds())
    if (k.name == kind) return std::string(k.meaning);
  return "";
}

std::string describe(const EventRecord& e) {
  std::string s = e.time_local.size() >= 19 ? e.time_local.substr(11, 8) : e.time_local;
  s += ' ';
  s += e.kind;
  if (!e.rack.empty()) {
    s += ' ';
    s += e.rack;
  }
  if (!e.detail.empty()) {
    s += ": ";
    s += e.detail;
  }
  return s;
}

}  // namespace

std::vector<Marker> event_markers(const std::vector<EventRecord>& events) {
  const auto n = counts(events);
  std::vector<Marker> out;
  for (const EventRecord& e : events)
    if (n.at(e.kind) <= kRareEventCount) out.push_back({e.time_s, describe(e), kind_colour(e.kind)});
  return out;
}

Chart event_lanes(const std::vector<EventRecord>& events, const XRange& range) {
  Chart c;
  c.id = "events";
  c.title = "Events";
  c.note = "Every event of events.csv by kind; hover a mark for how many it holds and the first one";
  c.lanes = kinds_present(events);
  const double bucket_s = (range.x1 - range.x0) / static_cast<double>(kChartBuckets);
  for (std::size_t lane = 0; lane < c.lanes.size(); ++lane) {
    Series s{c.lanes[lane], kind_colour(c.lanes[lane]), SeriesStyle::markers, {}, {}};
    // events are in time order: one mark per bucket that holds any
    long last_bucket = -1;
    std::size_t in_bucket = 0;
    std::string first;
    const auto close = [&] {
      if (in_bucket == 0) return;
      std::string title = std::to_string(in_bucket);
      title += in_bucket == 1 ? " event: " : " events, the first: ";
      title += first;
      s.point_titles.push_back(std::move(title));
    };
    for (const EventRecord& e : events) {
      if (e.kind != c.lanes[lane]) continue;
      const long b = static_cast<long>(std::floor((e.time_s - range.x0) / bucket_s));
      if (b != last_bucket) {
        close();
        s.points.push_back({e.time_s, static_cast<double>(lane)});
        last_bucket = b;
        in_bucket = 0;
        first = describe(e);
      }
      ++in_bucket;
    }
    close();
    c.series.push_back(std::move(s));
  }
  return c;
}

std::string render_event_tables(const std::vector<EventRecord>& events) {
  if (events.empty()) return "<p>No events.</p>\n";
  const auto n = counts(events);
  HtmlTable kinds;
  kinds.header = {"kind", "events", "first", "last", "meaning"};
  kinds.numeric = {false, true};
  for (const std::string& kind : kinds_present(events)) {
    const auto first = std::find_if(events.begin(), events.end(), [&](const EventRecord& e) { return e.kind == kind; });
    const auto last = std::find_if(events.rbegin(), events.rend(), [&](const EventRecord& e) { return e.kind == kind; });
    kinds.rows.push_back({code_html(kind), std::to_string(n.at(kind)),
                          escape_html(first->time_local), escape_html(last->time_local), escape_html(meaning(kind))});
  }
  std::string out = render_table(kinds);

  HtmlTable rare;
  rare.header = {"time", "kind", "rack", "detail"};
  std::size_t listed = 0, rare_total = 0;
  for (const EventRecord& e : events) {
    if (n.at(e.kind) > kRareEventCount) continue;
    ++rare_total;
    if (listed == kListedEvents) continue;
    ++listed;
    rare.rows.push_back({escape_html(e.time_local), code_html(e.kind), escape_html(e.rack),
                         escape_html(e.detail)});
  }
  if (rare_total > 0) {
    out += "<h3>Events of the kinds with at most ";
    out += std::to_string(kRareEventCount);
    out += " events";
    if (rare_total > listed) {
      out += " (the first ";
      out += std::to_string(listed);
      out += " of ";
      out += std::to_string(rare_total);
      out += ')';
    }
    out += "</h3>\n";
    out += render_table(rare);
  }
  return out;
}

}  // namespace aifsim::report
