// SPDX-License-Identifier: Apache-2.0
// Drawing the panels.
#include "gui/panels.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "gui/plot.h"

namespace aifsim::gui {
namespace {

const std::vector<run::RackLayout>& racks_of(const Snapshot& s) {
  static const std::vector<run::RackLayout> kNone;
  return s.layout ? s.layout->racks : kNone;
}

run::command::InjectFault fault(scenario::FaultKind kind, int target, int count, double duration_s) {
  run::command::InjectFault f;
  f.fault.kind = kind;
  f.fault.target = target;
  f.fault.count = count;
  f.fault.duration.s = duration_s;
  return f;
}

void halve(std::vector<float>& v) {
  std::size_t j = 0;
  for (std::size_t i = 0; i < v.size(); i += 2) v[j++] = v[i];
  v.resize(j);
}

}  // namespace

void History::add(const Snapshot& s) {
  t_s.push_back(static_cast<float>(s.now_s));
  const metrics::TickSample& t = s.tick;
  facility_mw.push_back(static_cast<float>(t.facility_w * 1e-6));
  cap_mw.push_back(static_cast<float>(t.cap_w * 1e-6));
  it_mw.push_back(static_cast<float>(t.it_w * 1e-6));
  cooling_mw.push_back(static_cast<float>(t.cooling_w * 1e-6));
  pue.push_back(static_cast<float>(t.it_w > 0 ? t.facility_w / t.it_w : 0.0));  // this tick's, not the run's
  tokens_per_s.push_back(static_cast<float>(t.tokens_per_s * 1e-6));
  const double* ttft = s.find_kpi("ttft_p99_s");
  ttft_p99_s.push_back(static_cast<float>(ttft ? *ttft : 0.0));
  die_max_c.push_back(static_cast<float>(s.die_max_c));
  dry_bulb_c.push_back(static_cast<float>(t.dry_bulb_c));
  wet_bulb_c.push_back(static_cast<float>(t.wet_bulb_c));
  cost_rate_ntd_per_h.push_back(static_cast<float>(s.energy_cost_rate_ntd_per_h * 1e-3));
  if (t_s.size() > kMaxPoints)  // keep memory and drawing bounded on long runs
    for (auto* v : {&t_s, &facility_mw, &cap_mw, &it_mw, &cooling_mw, &pue, &tokens_per_s, &ttft_p99_s, &die_max_c,
                    &dry_bulb_c, &wet_bulb_c, &cost_rate_ntd_per_h})
      halve(*v);
}

void History::clear() { *this = History{}; }

void write_history_csv(const History& h, const std::string& path) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error(path + ": cannot write file");
  out << "time_s,facility_mw,cap_mw,it_mw,cooling_mw,pue,tokens_per_s_millions,ttft_p99_s,gpu_die_max_c,dry_bulb_c,"
         "wet_bulb_c,cost_rate_kntd_per_h\n";
  for (std::size_t i = 0; i < h.size(); ++i)
    out << h.t_s[i] << ',' << h.facility_mw[i] << ',' << h.cap_mw[i] << ',' << h.it_mw[i] << ',' << h.cooling_mw[i] << ','
        << h.pue[i] << ',' << h.tokens_per_s[i] << ',' << h.ttft_p99_s[i] << ',' << h.die_max_c[i] << ','
        << h.dry_bulb_c[i] << ',' << h.wet_bulb_c[i] << ',' << h.cost_rate_ntd_per_h[i] << '\n';
  if (!out) throw std::runtime_error(path + ": cannot write file");
}

const std::vector<double>& ControlsPanel::speeds() {
  // Simulated seconds per wall second; 0 runs as fast as the machine goes.
  static const std::vector<double> s{0, 1, 10, 60, 600, 3600};
  return s;
}

void ControlsPanel::draw(const View& v, Actions& out) {
  const Snapshot& s = v.s;
  // Knobs take 45 % of the window so their labels fit beside them.
  const float knob_w = 0.45f * ImGui::GetContentRegionAvail().x;
  ImGui::Text("%s   %.0f / %.0f s%s", s.local_time.c_str(), s.now_s, s.duration_s, s.finished ? "  (finished)" : "");
  ImGui::ProgressBar(s.duration_s > 0 ? static_cast<float>(s.now_s / s.duration_s) : 0.0f, ImVec2(-1, 0));
  if (ImGui::Button(paused ? "Run" : "Pause")) paused = !paused;
  ImGui::SameLine();
  if (ImGui::Button("Step") && paused) out.step_ticks += 1;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(70);
  ImGui::InputFloat("h", &run_to_h, 0, 0, "%.2f");
  ImGui::SameLine();
  if (ImGui::Button("run to")) {
    out.run_to_s = static_cast<double>(run_to_h) * 3600.0;
    paused = sent_paused_ = false;  // it runs, then the simulation pauses itself there
  }
  if (s.paused_by_sim && s.now_s != sim_paused_at_s_) {  // once per self-pause
    paused = sent_paused_ = true;
    sim_paused_at_s_ = s.now_s;
  }
  static const char* kSpeedNames[] = {"as fast as possible", "real time", "10x", "1 min/s", "10 min/s", "1 h/s"};
  ImGui::SetNextItemWidth(knob_w);
  ImGui::Combo("speed", &speed_index, kSpeedNames, IM_ARRAYSIZE(kSpeedNames));
  ImGui::Separator();
  ImGui::SetNextItemWidth(knob_w);
  ImGui::SliderFloat("facility cap (MW, 0 = off)", &cap_mw, 0.0f, 30.0f, "%.2f");
  ImGui::SetNextItemWidth(knob_w);
  ImGui::SliderFloat("ambient offset (K)", &dry_bulb_offset_k, -5.0f, 10.0f, "%.1f");
  if (supply_setpoint_c == 0 && s.supply_setpoint_c > 0)  // start from the scenario's set-point
    supply_setpoint_c = sent_setpoint_c_ = static_cast<float>(s.supply_setpoint_c);
  ImGui::SetNextItemWidth(knob_w);
  ImGui::SliderFloat("facility water supply (C)", &supply_setpoint_c, 15.0f, 40.0f, "%.1f");
  const auto& racks = racks_of(s);
  if (racks_in_service < 0 && !racks.empty()) racks_in_service = sent_racks_ = s.racks_in_service;
  if (!racks.empty()) {
    ImGui::SetNextItemWidth(knob_w);
    ImGui::SliderInt("racks in service", &racks_in_service, 0, static_cast<int>(racks.size()));
  }
  rate_multiplier.resize(s.services.size(), 1.0f);
  for (std::size_t i = 0; i < s.services.size(); ++i) {
    ImGui::SetNextItemWidth(knob_w);
    ImGui::SliderFloat(("arrivals x  " + s.services[i]).c_str(), &rate_multiplier[i], 0.0f, 2.0f, "%.2f");
  }
  ImGui::Separator();
  ImGui::SetNextItemWidth(80);
  ImGui::InputInt("CDU", &fault_cdu);
  fault_cdu = std::max(0, fault_cdu);
  ImGui::SameLine();
  if (ImGui::Button("fail its pumps (20 min)"))
    out.commands.push_back(fault(scenario::FaultKind::cdu_pump_failure, fault_cdu, 0, 1200.0));  // 0: all pumps
  if (ImGui::Button("trip a chiller (1 h)"))
    out.commands.push_back(fault(scenario::FaultKind::chiller_trip, 0, 1, 3600.0));
  ImGui::Separator();
  if (ImGui::Button("pin as baseline")) out.pin_baseline = true;
  ImGui::SameLine();
  if (ImGui::Button("save what-if")) out.save_overlay = true;
  if (ImGui::Button("export CSV")) out.export_csv = true;
  ImGui::SameLine();
  if (ImGui::Button("screenshot")) out.screenshot = true;
  if (v.base_s) ImGui::Text("baseline pinned at %.0f s", v.base_s->now_s);

  // Knobs reach the simulation once per change.
  if (paused != sent_paused_) {
    out.pause = paused;
    sent_paused_ = paused;
  }
  if (speed_index != sent_speed_) {
    out.speed = speeds()[static_cast<std::size_t>(std::clamp(speed_index, 0, static_cast<int>(speeds().size()) - 1))];
    sent_speed_ = speed_index;
  }
  if (cap_mw != sent_cap_mw_) {
    out.commands.push_back(run::command::SetCap{cap_mw});
    sent_cap_mw_ = cap_mw;
  }
  if (racks_in_service >= 0 && racks_in_service != sent_racks_) {
    out.commands.push_back(run::command::SetRacksInService{racks_in_service});
    sent_racks_ = racks_in_service;
  }
  if (supply_setpoint_c != sent_setpoint_c_) {
    out.commands.push_back(run::command::SetSupplySetpoint{supply_setpoint_c});
    sent_setpoint_c_ = supply_setpoint_c;
  }
  if (dry_bulb_offset_k != sent_offset_k_) {
    out.commands.push_back(run::command::SetAmbientOffset{dry_bulb_offset_k});
    sent_offset_k_ = dry_bulb_offset_k;
  }
  sent_rates_.resize(rate_multiplier.size(), 1.0f);
  for (std::size_t i = 0; i < rate_multiplier.size(); ++i)
    if (rate_multiplier[i] != sent_rates_[i]) {
      out.commands.push_back(run::command::SetArrivalMultiplier{i, rate_multiplier[i]});
      sent_rates_[i] = rate_multiplier[i];
    }
}

float FloorMapPanel::value(const Snapshot& s, std::size_t r, RackMetric m) {
  switch (m) {
    case RackMetric::it_power: return s.rack_it_kw[r];
    case RackMetric::die_max: return s.rack_die_max_c[r];
    case RackMetric::coolant_return: return s.rack_return_c[r];
    case RackMetric::utilization: return 100.0f * s.rack_utilization[r];
    case RackMetric::headroom: return s.rack_headroom_kw[r];
  }
  return 0;
}

const char* FloorMapPanel::unit(RackMetric m) {
  switch (m) {
    case RackMetric::it_power: return "kW";
    case RackMetric::die_max: return "C";
    case RackMetric::coolant_return: return "C";
    case RackMetric::utilization: return "%";
    case RackMetric::headroom: return "kW";
  }
  return "";
}

const char* FloorMapPanel::label(RackMetric m) {
  switch (m) {
    case RackMetric::it_power: return "IT power";
    case RackMetric::die_max: return "GPU die max";
    case RackMetric::coolant_return: return "coolant return";
    case RackMetric::utilization: return "GPU utilization";
    case RackMetric::headroom: return "headroom to rack rating";
  }
  return "";
}

unsigned int FloorMapPanel::color(float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  const auto c = [](float v) { return static_cast<int>(std::lround(255.0f * std::clamp(v, 0.0f, 1.0f))); };
  return IM_COL32(c(1.5f * t - 0.25f), c(1.0f - std::fabs(2.0f * t - 1.0f)), c(1.25f - 1.5f * t), 255);
}

void FloorMapPanel::draw(const View& v, Actions&) {
  const Snapshot& s = v.s;
  const auto& racks = racks_of(s);
  const int rows = s.layout ? s.layout->rows : 0;
  static const char* kMetrics[] = {"IT power", "GPU die max", "coolant return", "GPU utilization", "headroom to rack rating"};
  int m = static_cast<int>(metric);
  ImGui::SetNextItemWidth(200);
  if (ImGui::Combo("colour by", &m, kMetrics, IM_ARRAYSIZE(kMetrics))) metric = static_cast<RackMetric>(m);
  if (racks.empty()) return;
  float lo = 1e30f, hi = -1e30f;
  for (std::size_t r = 0; r < racks.size(); ++r) {
    lo = std::min(lo, value(s, r, metric));
    hi = std::max(hi, value(s, r, metric));
  }
  if (hi - lo < 1e-3f) hi = lo + 1e-3f;
  int per_row = 1;
  for (const auto& r : racks) per_row = std::max(per_row, r.position + 1);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // Racks to scale: a 0.6 m x 1.2 m footprint, rows 1.8 m apart (hot/cold aisle); the whole
  // floor fits the window's width and, leaving room for a rack's detail, 60 % of its height.
  const float rows_f = static_cast<float>(std::max(1, rows));
  const float cell = std::clamp(std::min((avail.x - 20.0f) / static_cast<float>(per_row), 0.6f * avail.y / (3.0f * rows_f)),
                                4.0f, 40.0f);
  const float depth = 2.0f * cell, pitch = depth + cell;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered = -1;
  for (std::size_t r = 0; r < racks.size(); ++r) {
    const auto& rk = racks[r];
    const ImVec2 a(o.x + static_cast<float>(rk.position) * cell, o.y + static_cast<float>(rk.row) * pitch);
    const ImVec2 b(a.x + cell - 2.0f, a.y + depth);
    const unsigned int col = s.rack_tripped[r] ? IM_COL32(40, 40, 40, 255) : color((value(s, r, metric) - lo) / (hi - lo));
    dl->AddRectFilled(a, b, col);
    if (static_cast<int>(r) == selected_rack) dl->AddRect(a, b, IM_COL32(255, 255, 255, 255), 0, 0, 2.0f);
    if (mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y) hovered = static_cast<int>(r);
  }
  const float map_h = static_cast<float>(std::max(1, rows)) * pitch;
  ImGui::InvisibleButton("map", ImVec2(std::max(1.0f, static_cast<float>(per_row) * cell), std::max(1.0f, map_h)));
  if (hovered >= 0) {
    const auto h = static_cast<std::size_t>(hovered);
    ImGui::BeginTooltip();
    ImGui::Text("%s", racks[h].name.c_str());
    ImGui::Text("IT %.1f kW, headroom %.1f kW", s.rack_it_kw[h], s.rack_headroom_kw[h]);
    ImGui::Text("GPU die max %.1f C, coolant return %.1f C", s.rack_die_max_c[h], s.rack_return_c[h]);
    ImGui::Text("GPU utilization %.0f %%%s", 100.0 * s.rack_utilization[h],
                (s.rack_tripped[h] & 2) ? ", OUT OF SERVICE" : s.rack_tripped[h] ? ", TRIPPED" : "");
    ImGui::EndTooltip();
    if (ImGui::IsMouseClicked(0)) selected_rack = hovered;
  }
  // Legend: the colour scale with its range and unit.
  const ImVec2 l = ImGui::GetCursorScreenPos();
  for (int i = 0; i < 100; ++i)
    dl->AddRectFilled(ImVec2(l.x + 2.0f * static_cast<float>(i), l.y), ImVec2(l.x + 2.0f * static_cast<float>(i) + 2.0f, l.y + 10),
                      color(static_cast<float>(i) / 99.0f));
  ImGui::Dummy(ImVec2(200, 12));
  ImGui::Text("%s: %.1f to %.1f %s", label(metric), lo, hi, unit(metric));

  if (selected_rack >= 0 && static_cast<std::size_t>(selected_rack) < racks.size()) {
    const auto& rk = racks[static_cast<std::size_t>(selected_rack)];
    ImGui::Separator();
    const auto sr = static_cast<std::size_t>(selected_rack);
    ImGui::Text("%s: %d GPUs serving %s", rk.name.c_str(), rk.gpus, rk.workload.c_str());
    ImGui::Text("loop: supply %.1f C, return %.1f C; IT %.1f kW of %.0f kW usable%s", s.rack_supply_c[sr],
                s.rack_return_c[sr], s.rack_it_kw[sr], rk.rating_kw, s.rack_tripped[sr] ? " (TRIPPED)" : "");
    ImGui::TextUnformatted("GPUs: colour = die temperature 30-90 C, outline = throttled");
    const ImVec2 g0 = ImGui::GetCursorScreenPos();
    const int cols = 18;
    const float gc = 14.0f;
    int hovered_gpu = -1;
    for (int i = 0; i < rk.gpus; ++i) {
      const auto g = static_cast<std::size_t>(rk.first_gpu + i);
      if (g >= s.gpu_die_c.size()) break;
      const ImVec2 a(g0.x + static_cast<float>(i % cols) * gc, g0.y + static_cast<float>(i / cols) * gc);
      const ImVec2 b(a.x + gc - 2, a.y + gc - 2);
      dl->AddRectFilled(a, b, color((s.gpu_die_c[g] - 30.0f) / 60.0f));
      if (s.gpu_state[g] != 0) dl->AddRect(a, b, IM_COL32(255, 255, 255, 255));
      if (mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y) hovered_gpu = static_cast<int>(g);
    }
    ImGui::Dummy(ImVec2(cols * gc, static_cast<float>((rk.gpus + cols - 1) / cols) * gc));
    if (hovered_gpu >= 0) {
      const auto g = static_cast<std::size_t>(hovered_gpu);
      static const char* kStates[] = {"normal", "thermal slowdown", "hardware slowdown", "shutdown"};
      ImGui::BeginTooltip();
      ImGui::Text("GPU %d: %.0f W, die %.1f C", hovered_gpu - rk.first_gpu, s.gpu_power_w[g], s.gpu_die_c[g]);
      ImGui::Text("clock %.0f %% (power it may draw / TDP), %s", 100.0 * s.gpu_clock[g],
                  kStates[std::clamp<int>(s.gpu_state[g], 0, 3)]);
      ImGui::EndTooltip();
    }
  }
}

const std::vector<KpiPanel::Row>& KpiPanel::rows() {
  // Summary keys read the run so far, exactly as summary.json holds them; the three tick
  // rows read this tick. A row whose `needs` key is 0 has nothing to show ("-").
  static const std::vector<Row> kRows = {
      {"facility power", "%.2f MW", nullptr, [](const Snapshot& x) { return x.tick.facility_w * 1e-6; }, nullptr},
      {"cap in force", "%.2f MW", nullptr, [](const Snapshot& x) { return x.tick.cap_w * 1e-6; }, nullptr},
      {"facility energy", "%.2f MWh", "facility_energy_mwh", nullptr, nullptr},
      {"PUE", "%.3f", "pue", nullptr, nullptr},
      {"WUE", "%.2f L/kWh", "wue_l_per_kwh", nullptr, nullptr},
      {"cost", "NT$ %.0f", "total_cost_ntd", nullptr, nullptr},
      {"CO2", "%.2f t", "co2_t", nullptr, nullptr},
      {"tokens/s (run)", "%.4g", "tokens_per_s", nullptr, "requests_arrived"},
      {"tokens/s now", "%.3g", nullptr, [](const Snapshot& x) { return x.tick.tokens_per_s; }, "requests_arrived"},
      {"SLO attainment", "%.4f", "slo_attainment", nullptr, "requests_arrived"},
      {"TTFT p99", "%.3f s", "ttft_p99_s", nullptr, "requests_arrived"},
      {"TPOT p99", "%.4f s", "tpot_p99_s", nullptr, "requests_arrived"},
      {"training goodput", "%.3f", "training_goodput", nullptr, "jobs_submitted"},
      {"GPU die max", "%.1f C", "gpu_die_temp_max_c", nullptr, nullptr},
      {"throttle events", "%.0f", "throttle_events", nullptr, nullptr},
      {"shutdown events", "%.0f", "shutdown_events", nullptr, nullptr},
      {"rack trips", "%.0f", "rack_trips", nullptr, nullptr},
      {"s above cap", "%.0f", "cap_violation_s", nullptr, nullptr},
  };
  return kRows;
}

std::optional<double> KpiPanel::value(const Snapshot& s, const Row& row) {
  if (s.summary.empty()) return std::nullopt;  // before the first tick
  if (row.needs) {
    const double* n = s.find_kpi(row.needs);
    if (!n || *n == 0) return std::nullopt;
  }
  if (row.tick) return row.tick(s);
  const double* v = s.find_kpi(row.key);
  return v ? std::optional<double>(*v) : std::nullopt;
}

void KpiPanel::draw(const View& v, Actions&) {
  const Snapshot* b = v.base_s;
  if (!ImGui::BeginTable("kpi", b ? 4 : 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) return;
  if (b) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("now");
    ImGui::TableSetupColumn("baseline");
    ImGui::TableSetupColumn("delta");
    ImGui::TableHeadersRow();
  }
  const auto cell = [](const char* fmt, std::optional<double> x) {
    if (x) {
      ImGui::Text(fmt, *x);
    } else {
      ImGui::TextUnformatted("-");
    }
  };
  for (const Row& k : rows()) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(k.label);
    ImGui::TableSetColumnIndex(1);
    const std::optional<double> now = value(v.s, k);
    cell(k.fmt, now);
    if (!b) continue;
    const std::optional<double> base = value(*b, k);
    ImGui::TableSetColumnIndex(2);
    cell(k.fmt, base);
    ImGui::TableSetColumnIndex(3);
    cell("%+.4g", now && base ? std::optional<double>(*now - *base) : std::nullopt);
  }
  ImGui::EndTable();
}

void PlotsPanel::draw(const View& v, Actions&) {
  const History& h = v.h;
  const float ph = 110.0f;
  std::vector<PlotSeries> facility{{"facility", &h.facility_mw, IM_COL32(255, 170, 60, 255)}};
  if (std::any_of(h.cap_mw.begin(), h.cap_mw.end(), [](float c) { return c > 0; }))
    facility.push_back({"cap", &h.cap_mw, IM_COL32(255, 80, 80, 255)});
  plot_time_series("Facility power vs cap", h.t_s, facility, "MW", ph);
  if (v.base_h)
    plot_time_series("Baseline facility power", v.base_h->t_s,
                     {{"baseline", &v.base_h->facility_mw, IM_COL32(150, 150, 150, 255)}}, "MW", 70.0f);
  plot_time_series("IT and cooling power", h.t_s,
                   {{"IT", &h.it_mw, IM_COL32(90, 170, 255, 255)}, {"cooling", &h.cooling_mw, IM_COL32(80, 220, 160, 255)}},
                   "MW", ph);
  plot_time_series("PUE", h.t_s, {{"PUE", &h.pue, IM_COL32(220, 220, 90, 255)}}, "-", ph);
  plot_time_series("Tokens/s", h.t_s, {{"tokens/s", &h.tokens_per_s, IM_COL32(200, 120, 255, 255)}}, "M/s", ph);
  if (v.base_h)
    plot_time_series("Baseline tokens/s", v.base_h->t_s,
                     {{"baseline", &v.base_h->tokens_per_s, IM_COL32(150, 150, 150, 255)}}, "M/s", 70.0f);
  plot_time_series("TTFT p99", h.t_s, {{"TTFT p99", &h.ttft_p99_s, IM_COL32(255, 120, 200, 255)}}, "s", ph);
  plot_time_series("GPU die max", h.t_s, {{"die max", &h.die_max_c, IM_COL32(255, 90, 60, 255)}}, "C", ph);
  plot_time_series("Ambient", h.t_s,
                   {{"dry bulb", &h.dry_bulb_c, IM_COL32(255, 200, 120, 255)}, {"wet bulb", &h.wet_bulb_c, IM_COL32(120, 200, 255, 255)}},
                   "C", ph);
  plot_time_series("Cost rate", h.t_s, {{"cost", &h.cost_rate_ntd_per_h, IM_COL32(160, 255, 120, 255)}}, "kNT$/h", ph);
}

}  // namespace aifsim::gui
