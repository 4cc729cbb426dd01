// SPDX-License-Identifier: Apache-2.0
// The scenario schema of workloads: served models, inference services and training jobs.
#include "sim/scenario/spec_schema_parts.h"

namespace aifsim::scenario {

template <>
const StructDef<ServingProfileSpec>& struct_def<ServingProfileSpec>() {
  static const StructDef<ServingProfileSpec> d = [] {
    StructDef<ServingProfileSpec> s(
        "ServingProfileSpec",
        "How a model serves on one GPU type, for a replica of `replica_gpus` GPUs at full clocks. "
        "A decode step takes decode_step_base_s + decode_step_per_seq_s x batch + "
        "decode_step_per_kv_token_s x (context tokens held by the batch) and yields one token per "
        "sequence; prefill runs at prefill_tokens_per_s and pauses decoding meanwhile. A service "
        "with another replica size scales the figures ideally (throughput and KV cache with the "
        "GPU count). Defaults and sources: sim/scenario/catalog.cpp.");
    s.field("replica_gpus", &ServingProfileSpec::replica_gpus, "Replica size the figures are for")
        .ge(1).le(4096);
    s.field("prefill_tokens_per_s", &ServingProfileSpec::prefill_tokens_per_s,
            "Prompt tokens the replica prefills per second").unit("tokens/s").gt(0).required();
    s.field("decode_step_base_s", &ServingProfileSpec::decode_step_base_s,
            "Decode step time with an empty batch (weights streamed once per step)")
        .unit("s").gt(0).required();
    s.field("decode_step_per_seq_s", &ServingProfileSpec::decode_step_per_seq_s,
            "Added step time per sequence in the batch").unit("s").ge(0);
    s.field("decode_step_per_kv_token_s", &ServingProfileSpec::decode_step_per_kv_token_s,
            "Added step time per context token in the batch (KV-cache reads)").unit("s").ge(0);
    s.field("kv_cache_tokens", &ServingProfileSpec::kv_cache_tokens,
            "KV-cache capacity of the replica; a request reserves input + output tokens")
        .unit("tokens").ge(1).required();
    s.field("max_batch", &ServingProfileSpec::max_batch, "Most sequences in flight per replica (the built-in profiles' values: catalog.cpp)")
        .ge(1).le(1000000);
    s.field("prefill_activity", &ServingProfileSpec::prefill_activity,
            "GPU activity while prefilling (compute-bound)").within(0, 1);
    s.field("decode_activity_min", &ServingProfileSpec::decode_activity_min,
            "GPU activity decoding a batch of one").within(0, 1);
    s.field("decode_activity_max", &ServingProfileSpec::decode_activity_max,
            "GPU activity decoding a full batch (max_batch)").within(0, 1);
    return s;
  }();
  return d;
}

template <>
const StructDef<ModelSpec>& struct_def<ModelSpec>() {
  static const StructDef<ModelSpec> d = [] {
    StructDef<ModelSpec> s("ModelSpec",
                           "A served model. Built-in: `llama-3.1-405b`, `llama-3.1-70b`, "
                           "`deepseek-r1` (sources in sim/scenario/catalog.cpp).");
    s.field("description", &ModelSpec::description, "Free text");
    s.field("profiles", &ModelSpec::profiles, "Serving profiles keyed by GPU type name");
    return s;
  }();
  return d;
}

template <>
const StructDef<RatePoint>& struct_def<RatePoint>() {
  static const StructDef<RatePoint> d = [] {
    StructDef<RatePoint> s("RatePoint", "A step of a piecewise-constant arrival rate: from `at` "
                                        "(offset within the period) the rate holds until the next point.");
    s.field("at", &RatePoint::at, "Offset within the period").unit("s").ge(0).required();
    s.field("rate_per_s", &RatePoint::rate_per_s, "Arrival rate from this point").unit("1/s").ge(0).required();
    return s;
  }();
  return d;
}

template <>
const StructDef<ArrivalSpec>& struct_def<ArrivalSpec>() {
  static const StructDef<ArrivalSpec> d = [] {
    StructDef<ArrivalSpec> s(
        "ArrivalSpec",
        "When requests arrive. `poisson`: exponential gaps at `rate_per_s`; `diurnal`: Poisson "
        "with a rate following a cosine between `min_rate_per_s` (12 h from the peak) and "
        "`max_rate_per_s` (at `peak_hour` local time); `schedule`: Poisson with a "
        "piecewise-constant rate repeating every `schedule_period`; `trace`: replay of `trace` "
        "(its times and sizes). A non-empty `trace` replays it whatever `process` says, so "
        "`--set workloads.inference.NAME.arrivals.trace=FILE` switches a service to a trace. Time-varying rates are "
        "held constant over each physics tick.");
    s.field("process", &ArrivalSpec::process, "Arrival process");
    s.field("rate_per_s", &ArrivalSpec::rate_per_s, "Rate of the `poisson` process").unit("1/s").ge(0);
    s.field("min_rate_per_s", &ArrivalSpec::min_rate_per_s, "Diurnal minimum rate").unit("1/s").ge(0);
    s.field("max_rate_per_s", &ArrivalSpec::max_rate_per_s, "Diurnal maximum rate").unit("1/s").ge(0);
    s.field("peak_hour", &ArrivalSpec::peak_hour, "Local hour of the diurnal maximum").unit("h").ge(0).lt(24);
    s.field("schedule", &ArrivalSpec::schedule, "Points of the `schedule` process, in increasing `at`");
    s.field("schedule_period", &ArrivalSpec::schedule_period, "Repeat period of the schedule").unit("s").gt(0);
    s.field("trace", &ArrivalSpec::trace,
            "Request trace to replay (relative to the scenario file): Azure LLM inference CSV, "
            "Mooncake JSONL or the generic CSV `time_s,input_tokens,output_tokens`");
    s.field("format", &ArrivalSpec::format, "Trace format: auto, azure, mooncake or generic");
    s.field("time_scale", &ArrivalSpec::time_scale,
            "Multiplies the trace's gaps (0.5 replays twice as fast)").gt(0);
    s.field("loop", &ArrivalSpec::loop, "Replay the trace again when it ends");
    s.field("scale_with", &ArrivalSpec::scale_with,
            "`replicas`: the rates (or the trace's pace) are multiplied by replicas / "
            "`base_replicas`, so demand grows with the service when its racks or replicas do "
            "(`aifsim capacity`); `none`: they stand as written");
    s.field("base_replicas", &ArrivalSpec::base_replicas,
            "The replica count the rates are written for (needed by `scale_with: replicas`)").ge(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<TokenSizeSpec>& struct_def<TokenSizeSpec>() {
  static const StructDef<TokenSizeSpec> d = [] {
    StructDef<TokenSizeSpec> s("TokenSizeSpec",
                               "A distribution of token counts: `fixed` (always the mean), "
                               "`exponential` (geometric on 1, 2, ... with the mean) or `lognormal` "
                               "(mean and coefficient of variation); rounded, at least 1, at most `max`.");
    s.field("distribution", &TokenSizeSpec::distribution, "Shape");
    s.field("mean", &TokenSizeSpec::mean, "Mean token count").unit("tokens").ge(1);
    s.field("cv", &TokenSizeSpec::cv, "Coefficient of variation of `lognormal`").ge(0).le(10);
    s.field("max", &TokenSizeSpec::max, "Largest count drawn (defaults: 128 K input, the Llama 3.1 context; 32 K output)").unit("tokens").ge(1);
    return s;
  }();
  return d;
}

template <>
const StructDef<RequestSizesSpec>& struct_def<RequestSizesSpec>() {
  static const StructDef<RequestSizesSpec> d = [] {
    StructDef<RequestSizesSpec> s(
        "RequestSizesSpec",
        "Token counts of generated requests (not of a replayed trace, whose rows carry their own). "
        "With `trace`, (input, output) pairs are drawn jointly from that trace's rows; otherwise "
        "from the two distributions. Defaults: ASSUMPTION near the Azure 2023 conversation trace "
        "(mean 1,155 input / 211 output tokens).");
    s.field("trace", &RequestSizesSpec::trace, "Trace whose rows give the sizes (relative to the scenario file)");
    s.field("format", &RequestSizesSpec::format, "Trace format: auto, azure, mooncake or generic");
    s.field("input_tokens", &RequestSizesSpec::input_tokens, "Prompt tokens");
    s.field("output_tokens", &RequestSizesSpec::output_tokens, "Generated tokens");
    return s;
  }();
  return d;
}

template <>
const StructDef<SloSpec>& struct_def<SloSpec>() {
  static const StructDef<SloSpec> d = [] {
    StructDef<SloSpec> s("SloSpec",
                         "Latency objectives; a request attains its SLO when it completes with both. "
                         "Defaults: ASSUMPTION between MLPerf's Llama2-70B interactive (450 ms / 40 ms) "
                         "and Llama 3.1 405B server (6 s / 175 ms) rules (REFERENCE.md §3.2).");
    s.field("ttft_s", &SloSpec::ttft_s, "Time to first token").unit("s").gt(0);
    s.field("tpot_s", &SloSpec::tpot_s, "Time per output token after the first").unit("s").gt(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<InferenceServiceSpec>& struct_def<InferenceServiceSpec>() {
  static const StructDef<InferenceServiceSpec> d = [] {
    StructDef<InferenceServiceSpec> s(
        "InferenceServiceSpec",
        "An LLM inference service: replicas of one model on a rack group, a router, arrivals and "
        "SLOs. Replicas take the group's GPUs in rack order after the services before it, never "
        "spanning an NVLink domain; each batches continuously (sim/workload/replica.h).");
    s.field("description", &InferenceServiceSpec::description, "Free text");
    s.field("model", &InferenceServiceSpec::model, "Name of a model in `models`").required();
    s.field("racks", &InferenceServiceSpec::racks, "Name of the rack group it runs on").required();
    s.field("replicas", &InferenceServiceSpec::replicas, "Replica count (0: use rack_share)").ge(0);
    s.field("rack_share", &InferenceServiceSpec::rack_share,
            "Share of the group's racks to fill with replicas (used when replicas is 0; both 0: all "
            "that remain)").within(0, 1);
    s.field("replica_gpus", &InferenceServiceSpec::replica_gpus,
            "GPUs per replica (0: the profile's replica_gpus)").ge(0).le(4096);
    s.field("max_batch", &InferenceServiceSpec::max_batch, "Most sequences per replica (0: the profile's)").ge(0);
    s.field("router", &InferenceServiceSpec::router,
            "How arrivals pick a replica: round_robin, join_shortest_queue (fewest requests) or "
            "least_tokens (fewest input + output tokens outstanding)");
    s.field("max_queue", &InferenceServiceSpec::max_queue,
            "Requests a replica holds waiting for admission; an arrival beyond it is dropped "
            "(ASSUMPTION: 4096, far above a healthy queue)").ge(0);
    s.field("timeout", &InferenceServiceSpec::timeout,
            "A request still waiting for admission this long after arriving times out (0 = never)")
        .unit("s").ge(0);
    s.field("arrivals", &InferenceServiceSpec::arrivals, "Arrival process");
    s.field("sizes", &InferenceServiceSpec::sizes, "Request sizes of generated arrivals");
    s.field("slo", &InferenceServiceSpec::slo, "Latency objectives");
    s.field("prefill_class", &InferenceServiceSpec::prefill_class,
            "Workload class whose curve scales prefill speed with the GPUs' allowed power");
    s.field("decode_class", &InferenceServiceSpec::decode_class,
            "Workload class whose curve scales decode speed with the GPUs' allowed power");
    s.field("cap_priority", &InferenceServiceSpec::cap_priority,
            "Power-cap priority: lower priorities are throttled first (default 1: SLO inference is "
            "protected before training and batch work at 0)");
    s.field("gpu_power_limit_w", &InferenceServiceSpec::gpu_power_limit_w,
            "Static power limit of the service's GPUs (default: their rack group's)").unit("W").gt(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<TrainingJobSpec>& struct_def<TrainingJobSpec>() {
  static const StructDef<TrainingJobSpec> d = [] {
    StructDef<TrainingJobSpec> s("TrainingJobSpec", "One training or batch job submitted at a set time.");
    s.field("name", &TrainingJobSpec::name, "Job name (default: job-N)");
    s.field("at", &TrainingJobSpec::at, "Submission time after the run start").unit("s").ge(0);
    s.field("gpus", &TrainingJobSpec::gpus, "GPUs of the gang").ge(1);
    s.field("work", &TrainingJobSpec::work, "Run time at full speed, without checkpoints").unit("s").gt(0);
    s.field("priority", &TrainingJobSpec::priority, "Higher runs first under the priority scheduler");
    s.field("deferrable", &TrainingJobSpec::deferrable,
            "With control.tariff_shift, the job starts only in off-peak tariff periods");
    return s;
  }();
  return d;
}

template <>
const StructDef<JobGeneratorSpec>& struct_def<JobGeneratorSpec>() {
  static const StructDef<JobGeneratorSpec> d = [] {
    StructDef<JobGeneratorSpec> s("JobGeneratorSpec",
                                  "Synthetic jobs: Poisson submissions, gang size drawn uniformly "
                                  "from `gpus`, exponential work with `mean_work`.");
    s.field("jobs_per_h", &JobGeneratorSpec::jobs_per_h, "Submission rate (0 = none)").unit("1/h").ge(0);
    s.field("gpus", &JobGeneratorSpec::gpus, "Gang sizes to draw from (ASSUMPTION: one server, two servers, a rack)");
    s.field("mean_work", &JobGeneratorSpec::mean_work, "Mean run time at full speed (ASSUMPTION: 2 h)").unit("s").gt(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<TrainingSpec>& struct_def<TrainingSpec>() {
  static const StructDef<TrainingSpec> d = [] {
    StructDef<TrainingSpec> s(
        "TrainingSpec",
        "Training and batch jobs, gang-scheduled on the GPUs of a rack group that no inference "
        "service holds. Jobs come from `jobs`, `generator` and `trace` together. Iterations "
        "alternate compute and communication (GPU activity 1.0 and 0.35, ASSUMPTION), so a job's "
        "power swings with period iteration_s; a job runs at the pace of its slowest GPU.");
    s.field("racks", &TrainingSpec::racks, "Name of the rack group of the pool (empty: no training)");
    s.field("scheduler", &TrainingSpec::scheduler, "fifo, backfill (EASY) or priority");
    s.field("placement", &TrainingSpec::placement,
            "pack (fewest racks), spread, thermal (coolest racks first) or power (most rack power headroom first)");
    s.field("jobs", &TrainingSpec::jobs, "Jobs submitted at set times");
    s.field("generator", &TrainingSpec::generator, "Synthetic jobs");
    s.field("trace", &TrainingSpec::trace,
            "Job trace to replay (relative to the scenario file): Alibaba GPU pod CSV or the generic "
            "CSV `arrival_s,duration_s,gpus` (optional name, priority, gpu_share); a pod sharing a GPU "
            "takes a whole one; jobs arriving after the run ends are not read");
    s.field("trace_format", &TrainingSpec::trace_format, "Trace format: auto, alibaba or generic");
    s.field("trace_time_scale", &TrainingSpec::trace_time_scale, "Multiplies the trace's arrival times").gt(0);
    s.field("iteration_s", &TrainingSpec::iteration_s,
            "Iteration period at full speed (ASSUMPTION: seconds-scale steps of large-model training)")
        .unit("s").ge(0);
    s.field("comm_fraction", &TrainingSpec::comm_fraction, "Share of an iteration spent communicating (ASSUMPTION: 0.2; §9 gives the swing, not the share)")
        .ge(0).lt(1);
    s.field("checkpoint_interval", &TrainingSpec::checkpoint_interval,
            "Time between checkpoints of a running job (0 = none; ASSUMPTION: 30 min)").unit("s").ge(0);
    s.field("checkpoint_write_s", &TrainingSpec::checkpoint_write_s, "Time one checkpoint takes (ASSUMPTION: 1 min)").unit("s").ge(0);
    s.field("restart_s", &TrainingSpec::restart_s, "Time to restart a job after a failure (ASSUMPTION: 5 min)").unit("s").ge(0);
    s.field("workload_class", &TrainingSpec::workload_class,
            "Workload class whose curve scales job speed with the GPUs' allowed power");
    s.field("cap_priority", &TrainingSpec::cap_priority,
            "Power-cap priority of the pool (default 0: throttled before inference)");
    s.field("gpu_power_limit_w", &TrainingSpec::gpu_power_limit_w,
            "Static power limit of the pool's GPUs (default: their rack group's)").unit("W").gt(0);
    s.field("deferrable", &TrainingSpec::deferrable,
            "Generated and replayed jobs are deferrable (see TrainingJobSpec.deferrable)");
    return s;
  }();
  return d;
}

template <>
const StructDef<WorkloadsSpec>& struct_def<WorkloadsSpec>() {
  static const StructDef<WorkloadsSpec> d = [] {
    StructDef<WorkloadsSpec> s("WorkloadsSpec",
                               "Request- and job-level work. GPUs no workload holds follow their "
                               "rack group's `load` profile.");
    s.field("inference", &WorkloadsSpec::inference, "Inference services keyed by name");
    s.field("training", &WorkloadsSpec::training, "Training and batch jobs");
    return s;
  }();
  return d;
}

}  // namespace aifsim::scenario
