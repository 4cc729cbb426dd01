// SPDX-License-Identifier: Apache-2.0
// Built-in GPU and rack types and default curves. Section numbers (§) refer to
// ../shared/reference/REFERENCE.md; ASSUMPTION marks engineering defaults with no public source.
#include "sim/scenario/catalog.h"

namespace aifsim::scenario {

std::vector<CurvePoint> titanium_psu_curve() {
  // §4: 80 PLUS Titanium, 230 V internal redundant: 90/94/96/91 % at 10/20/50/100 % load.
  return {{0.10, 0.90}, {0.20, 0.94}, {0.50, 0.96}, {1.00, 0.91}};
}

std::vector<CurvePoint> ups_double_conversion_curve() {
  // §4: double conversion 94-96 % typical, part load worse (LBNL/CEC UPS study); §10 default
  // 0.96. The part-load shape below 50 % is an ASSUMPTION consistent with that study.
  return {{0.10, 0.88}, {0.25, 0.935}, {0.50, 0.96}, {1.00, 0.96}};
}

std::vector<CurvePoint> ups_eco_curve() {
  // §4: eco / eConversion up to 98-99 %; §10 default 0.99. Part-load shape: ASSUMPTION.
  return {{0.10, 0.96}, {0.25, 0.98}, {0.50, 0.99}, {1.00, 0.99}};
}

NamedMap<GpuTypeSpec> builtin_gpu_types() {
  NamedMap<GpuTypeSpec> g;
  // §1.1: TDP 700 W, settable limit 200-700 W, idle ~72-75 W at P0 (nvidia-smi dumps), 80 GB.
  g["h100-sxm"] = {"NVIDIA H100 SXM5 80 GB", 700, 75, 200, 700, 80, {}};
  // §1.1: TDP 700 W, limit 200-700 W, idle ~75 W, 141 GB HBM3e.
  g["h200-sxm"] = {"NVIDIA H200 SXM 141 GB", 700, 75, 200, 700, 141, {}};
  // §1.1: HGX B200 configurable up to 1,000 W, 192 GB (~180 usable). Idle 140 W and the
  // 200 W minimum limit: ASSUMPTION (§10: Blackwell idle 120-150 W; Hopper minimum 200 W).
  g["b200-hgx"] = {"NVIDIA B200 in HGX/DGX B200", 1000, 140, 200, 1000, 180, {}};
  // §1.1: ~1,200 W per B200 in GB200 (2,700 W superchip), 186 GB. Idle, minimum: as above.
  g["b200-gb200"] = {"NVIDIA B200 in GB200 NVL72", 1200, 140, 200, 1200, 186, {}};
  // §1.1: B300 in GB300 1,400 W max, 288 GB HBM3e. Idle 150 W, minimum 200 W: ASSUMPTION.
  g["b300-gb300"] = {"NVIDIA B300 in GB300 NVL72", 1400, 150, 200, 1400, 288, {}};
  return g;
}

NamedMap<RackTypeSpec> builtin_rack_types() {
  NamedMap<RackTypeSpec> r;
  {
    // §2: GB300 NVL72 = 72 B300 + 36 Grace in 18 compute trays (~6.5 kW each) + 9 NVLink
    // switch trays (3.6 kW). Grace ~250 W (§1.1, half the 500 W Grace superchip); its idle
    // draw 80 W is an ASSUMPTION. Per compute tray, 6.5 kW - 4 x 1.4 kW - 2 x 0.25 kW = 0.4 kW
    // of NICs, memory and fans: 18 x 0.4 + 3.6 = 10.8 kW itemised by §2. §10 puts the rack at
    // 135 kW (§2: 135-142 kW peak); the load-independent draw is set to 19.8 kW so the rack
    // draws 129.6 kW DC and ~135 kW at its PSU inputs at full load (DERIVED: the 9 kW not
    // itemised covers DPUs, BMCs, pumps and fans of the trays, ASSUMPTION).
    // Power shelves: 8 x 33 kW sharing the load (§2: 33 kW shelves; 132 kW DC N+N).
    RackTypeSpec t;
    t.description = "NVIDIA GB300 NVL72 (liquid-cooled, 72 GPUs)";
    t.gpu_type = "b300-gb300";
    t.gpus = 72;
    t.nvlink_domain_gpus = 72;  // §2: one NVLink domain per NVL72 rack
    t.cpus = 36;
    t.cpu_idle_w = 80;
    t.cpu_max_w = 250;
    t.other_power_w = 19800;
    t.psu = {8, 4, 33000, titanium_psu_curve()};  // N+N (§2: 132 kW DC usable)
    // §2: the GB300 board is "designed to be 100 % liquid-cooled"; PSU losses still go to air.
    t.cooling.liquid_fraction = 1.0;
    r["gb300-nvl72"] = t;
  }
  {
    // §2: GB200 NVL72 = 72 B200 + 36 Grace; GB200 superchip 2,700 W = 2 x 1,200 W GPUs +
    // 300 W Grace (§1.1). §10 puts the rack at 125 kW (§2: ~120-132 kW): with GPUs 86.4 kW
    // and CPUs 10.8 kW, 22.8 kW of load-independent draw gives 120 kW DC and ~125 kW at the
    // PSU inputs at full load (DERIVED; the split of that 22.8 kW is not published).
    RackTypeSpec t;
    t.description = "NVIDIA GB200 NVL72 (liquid-cooled, 72 GPUs)";
    t.gpu_type = "b200-gb200";
    t.gpus = 72;
    t.nvlink_domain_gpus = 72;  // §2: one NVLink domain per NVL72 rack
    t.cpus = 36;
    t.cpu_idle_w = 80;
    t.cpu_max_w = 300;
    t.other_power_w = 22800;
    t.psu = {8, 4, 33000, titanium_psu_curve()};  // N+N (§2: 132 kW DC usable)
    // §2: ~85 % liquid / 15 % air is the commonly quoted split (no primary source: ASSUMPTION).
    t.cooling.liquid_fraction = 0.85;
    r["gb200-nvl72"] = t;
  }
  {
    // §2: four HGX H200 8-GPU servers per rack (air-cooled ~40-44 kW). Per server (§1.1,
    // DGX H200 ~10.2 kW max): 8 x 700 W GPUs + 2 CPUs at 350 W (ASSUMPTION: Xeon 8480 TDP)
    // + 3.9 kW NVSwitch, NICs, drives and fans. PSUs: 6 x 3.3 kW Titanium per server (§1.1).
    RackTypeSpec t;
    t.description = "Four 8-GPU HGX H200 servers (32 GPUs)";
    t.gpu_type = "h200-sxm";
    t.gpus = 32;
    t.nvlink_domain_gpus = 8;  // NVLink spans one 8-GPU HGX server
    t.cpus = 8;
    t.cpu_idle_w = 100;
    t.cpu_max_w = 350;
    t.other_power_w = 15600;
    t.psu = {24, 8, 3300, titanium_psu_curve()};  // 4+2 per server (§1.1)
    // §2: air-cooled at this density. §1.2: air-cooled HGX dies run 54-72 C at ~700 W with
    // ~25 C inlet air, so die-to-air R ~ (63 - 25) / 700 = 0.054 K/W (DERIVED).
    t.cooling.liquid_fraction = 0.0;
    t.cooling.r_die_k_per_w = 0.054;
    r["hgx-h200-4u"] = t;
  }
  return r;
}

NamedMap<WorkloadClassSpec> builtin_workload_classes() {
  NamedMap<WorkloadClassSpec> w;
  // §3.1: memory-bound decode draws only 137-300 W of a 700 W H200 (20-43 % of TDP), so a
  // power cap does not bind above its real draw: flat down to 35 % (mid-range), then falling
  // in proportion to the power (ASSUMPTION below the real draw).
  w["decode"] = {"Memory-bound LLM decode", {{0.10, 0.30}, {0.35, 1.0}, {1.0, 1.0}}};
  // §3.1: an H100 capped 700 -> 600 W (-14 %) loses 5-8 % on memory-bound inference (L); a
  // serving mix of prefill and decode. Below 60 % of TDP: ASSUMPTION, steeper.
  w["inference"] = {"LLM serving (prefill + decode mix)",
                    {{0.30, 0.55}, {0.60, 0.80}, {0.857, 0.935}, {1.0, 1.0}}};
  // §3.1: compute-bound training throughput ~ (P/TDP)^alpha, alpha 0.6-0.8 above ~60 % TDP;
  // alpha = 0.7 at 0.2, 0.4, 0.6, 0.8, 1.0 (extrapolated below 0.6).
  w["training"] = {"Compute-bound training",
                   {{0.2, 0.3241}, {0.4, 0.5265}, {0.6, 0.6993}, {0.8, 0.8553}, {1.0, 1.0}}};
  return w;
}

namespace {

// A serving profile from the roofline of one replica, so every figure traces to a GPU spec
// (§1.1 table: HBM capacity and bandwidth, dense FP8), a model card (parameters, layers, KV
// heads) and two efficiencies. Efficiencies (ASSUMPTION, L): prefill reaches 30 % of dense
// FP8 peak with tensor-parallel all-reduces, decode streams HBM at 50 % of peak; 10 % of HBM
// is kept for activations and runtime. FP8 weights and KV cache (1 byte per value).
struct GpuRoofline {
  double hbm_gb, hbm_tb_s, fp8_dense_pflops;
};
struct ModelShape {
  double params_b;         // parameters (all are streamed each decode step)
  double active_params_b;  // parameters per token (MoE: the active experts)
  double kv_bytes_per_token;
};

ServingProfileSpec roofline_profile(const GpuRoofline& g, const ModelShape& m, int replica_gpus, int max_batch) {
  constexpr double prefill_mfu = 0.30, decode_mbu = 0.50, hbm_usable = 0.90, per_seq_s = 1.0e-4;
  const double n = replica_gpus;
  const double bw_b_s = n * g.hbm_tb_s * 1e12 * decode_mbu;
  ServingProfileSpec p;
  p.replica_gpus = replica_gpus;
  p.prefill_tokens_per_s = n * g.fp8_dense_pflops * 1e15 * prefill_mfu / (2.0 * m.active_params_b * 1e9);
  p.decode_step_base_s = m.params_b * 1e9 / bw_b_s;
  p.decode_step_per_seq_s = per_seq_s;  // sampling and scheduling per sequence (ASSUMPTION)
  p.decode_step_per_kv_token_s = m.kv_bytes_per_token / bw_b_s;
  p.kv_cache_tokens = static_cast<std::int64_t>((n * g.hbm_gb * hbm_usable - m.params_b) * 1e9 / m.kv_bytes_per_token);
  p.max_batch = max_batch;
  // §3.1: memory-bound decode draws 137-300 W of a 700 W H200 (20-43 % of TDP) at small
  // batch: 0.3 for a batch of one. §3.2: a GB200 NVL72 serving Llama2-70B in MLPerf drew
  // 120-132 kW, its full rating: a full serving batch runs the GPUs at their limit, 1.0.
  // Activity is linear in the batch between the two (ASSUMPTION). Prefill is compute-bound.
  p.prefill_activity = 1.0;
  p.decode_activity_min = 0.3;
  p.decode_activity_max = 1.0;
  return p;
}

}  // namespace

NamedMap<ModelSpec> builtin_models() {
  // §1.1 table: H200 141 GB, 4.8 TB/s, 1.98 PF dense FP8; B200 in GB200 186 GB, 8 TB/s, 5 PF;
  // B300 in GB300 288 GB, 8 TB/s, ~4.5 PF.
  const GpuRoofline h200{141, 4.8, 1.98}, gb200{186, 8.0, 5.0}, gb300{288, 8.0, 4.5};
  // Llama 3.1 model cards: 405B = 126 layers, 8 KV heads of 128 -> 2 x 126 x 8 x 128 =
  // 258,048 bytes of FP8 KV per token; 70B = 80 layers, 8 KV heads of 128 -> 163,840 bytes.
  const ModelShape l405{405, 405, 258048}, l70{70.6, 70.6, 163840};
  // DeepSeek-R1 model card: 671B parameters, 37B active per token; MLA caches 576 values per
  // layer and token over 61 layers -> 35,136 bytes at FP8.
  const ModelShape r1{671, 37, 35136};
  NamedMap<ModelSpec> models;
  {
    ModelSpec m;
    m.description = "Llama 3.1 405B (dense, FP8), tensor parallel over 8 GPUs";
    m.profiles["b300-gb300"] = roofline_profile(gb300, l405, 8, 256);
    m.profiles["b200-gb200"] = roofline_profile(gb200, l405, 8, 256);
    m.profiles["h200-sxm"] = roofline_profile(h200, l405, 8, 128);
    models["llama-3.1-405b"] = m;
  }
  {
    ModelSpec m;
    m.description = "Llama 3.1 70B (dense, FP8)";
    m.profiles["b300-gb300"] = roofline_profile(gb300, l70, 2, 256);
    m.profiles["b200-gb200"] = roofline_profile(gb200, l70, 2, 256);
    m.profiles["h200-sxm"] = roofline_profile(h200, l70, 4, 256);
    models["llama-3.1-70b"] = m;
  }
  {
    ModelSpec m;
    m.description = "DeepSeek-R1 (671B MoE, 37B active, FP8), expert parallel over a whole NVL72 or 8 H200";
    m.profiles["b300-gb300"] = roofline_profile(gb300, r1, 72, 1024);
    m.profiles["b200-gb200"] = roofline_profile(gb200, r1, 72, 1024);
    m.profiles["h200-sxm"] = roofline_profile(h200, r1, 8, 256);
    models["deepseek-r1"] = m;
  }
  return models;
}

}  // namespace aifsim::scenario
