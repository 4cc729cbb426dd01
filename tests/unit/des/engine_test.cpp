// SPDX-License-Identifier: Apache-2.0
// Tests for des::Engine: the order of ticks and events, the shortened last tick, stopping,
// progress reports and determinism, checked against hand-written expected logs.
#include "sim/des/engine.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/rng.h"

namespace aifsim::des {
namespace {

using Log = std::vector<std::string>;

// Records every call the engine makes, with the engine's now() at that moment.
class RecordingModel : public Model {
 public:
  RecordingModel(std::string name, Log& log, const Engine& engine)
      : name_(std::move(name)), log_(log), engine_(engine) {}
  std::string_view name() const override { return name_; }
  void start(Engine& e) override {
    log_.push_back(name_ + " start now=" + std::to_string(e.now()));
  }
  void tick(SimTime now, SimTime dt) override {
    log_.push_back(name_ + " tick " + std::to_string(now) + "+" + std::to_string(dt));
    EXPECT_EQ(engine_.now(), now);
    EXPECT_EQ(static_cast<SimTime>(engine_.tick_index()) * engine_.dt(), now);
    sum_dt_ += dt;
    last_dt_ = dt;
  }
  void finish(SimTime end) override {
    log_.push_back(name_ + " finish " + std::to_string(end) + " now=" +
                   std::to_string(engine_.now()));
  }
  SimTime sum_dt_ = 0;
  SimTime last_dt_ = 0;

 private:
  std::string name_;
  Log& log_;
  const Engine& engine_;
};

EventFn log_event(Log& log, const Engine& engine, std::string name) {
  return [&log, &engine, name = std::move(name)] {
    log.push_back("ev " + name + " now=" + std::to_string(engine.now()));
  };
}

TEST(engine_test, rejects_bad_construction_arguments) {
  EXPECT_THROW(Engine(0, 10), std::invalid_argument);
  EXPECT_THROW(Engine(-1, 10), std::invalid_argument);
  EXPECT_THROW(Engine(1, -1), std::invalid_argument);
  EXPECT_NO_THROW(Engine(1, 0));
}

TEST(engine_test, tick_and_event_interleaving_follows_the_documented_order) {
  Log log;
  Engine engine(10, 35);
  RecordingModel m("m", log, engine);
  engine.add_model(m);
  engine.schedule_at(10, log_event(log, engine, "B"));
  engine.schedule_at(0, log_event(log, engine, "A"));
  engine.schedule_at(5, log_event(log, engine, "C"));
  engine.schedule_at(12, log_event(log, engine, "D"));
  engine.schedule_at(32, log_event(log, engine, "E"));   // after the last boundary, < end
  engine.schedule_at(35, log_event(log, engine, "F"));   // == end: never runs
  engine.schedule_at(400, log_event(log, engine, "G"));  // > end: never runs
  const RunResult r = engine.run();

  const Log expected = {
      "m start now=0",
      "ev A now=0",
      "m tick 0+10",
      "ev C now=5",
      "ev B now=10",
      "m tick 10+10",
      "ev D now=12",
      "m tick 20+10",
      "m tick 30+5",
      "ev E now=32",
      "m finish 35 now=35",
  };
  EXPECT_EQ(log, expected);
  EXPECT_EQ(r.end_time, 35);
  EXPECT_FALSE(r.stopped_early);
  EXPECT_EQ(r.ticks, 4u);
  EXPECT_EQ(r.events, 5u);
  EXPECT_EQ(engine.pending_events(), 2u);
}

TEST(engine_test, models_are_called_in_registration_order) {
  Log log;
  Engine engine(5, 10);
  RecordingModel a("a", log, engine);
  RecordingModel b("b", log, engine);
  engine.add_model(b);
  engine.add_model(a);
  engine.run();
  const Log expected = {"b start now=0",      "a start now=0",      "b tick 0+5",
                        "a tick 0+5",         "b tick 5+5",         "a tick 5+5",
                        "b finish 10 now=10", "a finish 10 now=10"};
  EXPECT_EQ(log, expected);
}

TEST(engine_test, events_scheduled_from_events_run_in_time_order) {
  Log log;
  Engine engine(10, 30);
  engine.schedule_at(10, [&] {
    log.push_back("outer now=" + std::to_string(engine.now()));
    engine.schedule_in(0, log_event(log, engine, "same-time"));
    engine.schedule_at(15, log_event(log, engine, "future"));
    engine.schedule_at(10, [&] {
      log.push_back("nested now=" + std::to_string(engine.now()));
      engine.schedule_in(0, log_event(log, engine, "nested-same-time"));
    });
    EXPECT_THROW(engine.schedule_at(9, [] {}), std::invalid_argument);
    EXPECT_THROW(engine.schedule_in(-1, [] {}), std::invalid_argument);
  });
  RecordingModel m("m", log, engine);
  engine.add_model(m);
  const RunResult r = engine.run();
  const Log expected = {
      "m start now=0",         "m tick 0+10",      "outer now=10",
      "ev same-time now=10",   "nested now=10",    "ev nested-same-time now=10",
      "m tick 10+10",          "ev future now=15", "m tick 20+10",
      "m finish 30 now=30",
  };
  EXPECT_EQ(log, expected);
  EXPECT_EQ(r.events, 5u);
}

// Schedules an event at its own tick time from inside tick(); it runs before the next tick.
class SchedulingModel : public Model {
 public:
  SchedulingModel(Engine& engine, Log& log) : engine_(engine), log_(log) {}
  std::string_view name() const override { return "sched"; }
  void tick(SimTime now, SimTime /*dt*/) override {
    log_.push_back("tick " + std::to_string(now));
    if (now == 0) {
      engine_.schedule_at(now, log_event(log_, engine_, "from-tick"));
      engine_.schedule_at(now + 3, log_event(log_, engine_, "from-tick+3"));
    }
  }

 private:
  Engine& engine_;
  Log& log_;
};

TEST(engine_test, events_scheduled_from_tick_run_before_the_next_tick) {
  Log log;
  Engine engine(10, 20);
  SchedulingModel m(engine, log);
  engine.add_model(m);
  engine.run();
  const Log expected = {"tick 0", "ev from-tick now=0", "ev from-tick+3 now=3", "tick 10"};
  EXPECT_EQ(log, expected);
}

TEST(engine_test, last_tick_is_shortened_to_end_exactly) {
  Log log;
  Engine engine(7, 50);
  RecordingModel m("m", log, engine);
  engine.add_model(m);
  const RunResult r = engine.run();
  EXPECT_EQ(m.sum_dt_, 50);  // 7 ticks of 7 us + one of 1 us
  EXPECT_EQ(m.last_dt_, 1);
  EXPECT_EQ(r.ticks, 8u);
  EXPECT_EQ(engine.tick_index(), 8u);
  EXPECT_EQ(r.end_time, 50);
}

TEST(engine_test, end_multiple_of_dt_has_no_short_tick) {
  Log log;
  Engine engine(from_seconds_exact(1), from_seconds_exact(3600));
  RecordingModel m("m", log, engine);
  engine.add_model(m);
  const RunResult r = engine.run();
  EXPECT_EQ(r.ticks, 3600u);
  EXPECT_EQ(m.sum_dt_, from_seconds_exact(3600));
  EXPECT_EQ(m.last_dt_, from_seconds_exact(1));
}

TEST(engine_test, events_at_or_after_end_never_run) {
  int ran = 0;
  Engine engine(10, 100);
  engine.schedule_at(99, [&] { ++ran; });
  engine.schedule_at(100, [&] { ran += 100; });
  engine.schedule_at(101, [&] { ran += 1000; });
  // Scheduled from the last in-range event, at end: still never runs.
  engine.schedule_at(95, [&] { engine.schedule_at(100, [&] { ran += 10'000; }); });
  const RunResult r = engine.run();
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(r.events, 2u);
}

TEST(engine_test, zero_length_run_has_no_ticks_and_no_events) {
  Log log;
  Engine engine(10, 0);
  RecordingModel m("m", log, engine);
  engine.add_model(m);
  engine.schedule_at(0, log_event(log, engine, "at0"));
  const RunResult r = engine.run();
  EXPECT_EQ(log, (Log{"m start now=0", "m finish 0 now=0"}));
  EXPECT_EQ(r.ticks, 0u);
  EXPECT_EQ(r.events, 0u);
  EXPECT_EQ(r.end_time, 0);
}

TEST(engine_test, cancelled_events_never_run_and_are_not_counted) {
  Log log;
  Engine engine(10, 50);
  const EventId doomed = engine.schedule_at(30, log_event(log, engine, "doomed"));
  engine.schedule_at(20, [&] { EXPECT_TRUE(engine.cancel(doomed)); });
  engine.schedule_at(25, log_event(log, engine, "kept"));
  const RunResult r = engine.run();
  EXPECT_EQ(log, (Log{"ev kept now=25"}));
  EXPECT_EQ(r.events, 2u);
  EXPECT_FALSE(engine.cancel(doomed));
}

TEST(engine_test, request_stop_from_event_stops_after_the_current_tick) {
  Log log;
  Engine engine(10, 100);
  RecordingModel m("m", log, engine);
  engine.add_model(m);
  engine.schedule_at(35, [&] {
    log.push_back("stop now=" + std::to_string(engine.now()));
    engine.request_stop();
  });
  engine.schedule_at(45, log_event(log, engine, "before-stop-time"));  // < 50: runs
  engine.schedule_at(50, log_event(log, engine, "at-stop-time"));      // never runs
  const RunResult r = engine.run();
  const Log expected = {
      "m start now=0", "m tick 0+10",  "m tick 10+10",
      "m tick 20+10",  "m tick 30+10", "stop now=35",
      "m tick 40+10",  "ev before-stop-time now=45", "m finish 50 now=50",
  };
  EXPECT_EQ(log, expected);
  EXPECT_TRUE(r.stopped_early);
  EXPECT_EQ(r.end_time, 50);
  EXPECT_EQ(r.ticks, 5u);
  EXPECT_EQ(r.events, 2u);
}

TEST(engine_test, request_stop_during_the_last_tick_is_not_early) {
  Engine engine(10, 25);
  engine.schedule_at(20, [&] { engine.request_stop(); });
  const RunResult r = engine.run();
  EXPECT_FALSE(r.stopped_early);
  EXPECT_EQ(r.end_time, 25);
  EXPECT_EQ(r.ticks, 3u);
}

TEST(engine_test, request_stop_before_run_stops_after_the_first_tick) {
  Log log;
  Engine engine(10, 100);
  RecordingModel m("m", log, engine);
  engine.add_model(m);
  engine.request_stop();
  const RunResult r = engine.run();
  EXPECT_EQ(log, (Log{"m start now=0", "m tick 0+10", "m finish 10 now=10"}));
  EXPECT_TRUE(r.stopped_early);
  EXPECT_EQ(r.end_time, 10);
}

TEST(engine_test, progress_is_reported_every_n_ticks_and_at_the_end) {
  struct Case {
    std::uint64_t every;
    std::vector<SimTime> expected;
  };
  const std::vector<Case> cases = {
      {3, {3, 6, 9, 10}},    // 10 ticks: periodic calls, then the end
      {5, {5, 10}},          // the last periodic call is at the end: not repeated
      {0, {10}},             // end only
      {1, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
      {20, {10}},
  };
  for (const Case& c : cases) {
    Engine engine(1, 10);
    std::vector<SimTime> calls;
    engine.set_progress(
        [&calls](SimTime now, SimTime end) {
          EXPECT_EQ(end, 10);
          calls.push_back(now);
        },
        c.every);
    engine.run();
    EXPECT_EQ(calls, c.expected) << "every=" << c.every;
  }
}

TEST(engine_test, progress_reports_stop_time_when_stopped) {
  Engine engine(1, 100);
  std::vector<SimTime> calls;
  engine.set_progress([&calls](SimTime now, SimTime) { calls.push_back(now); }, 4);
  engine.schedule_at(5, [&] { engine.request_stop(); });
  engine.run();
  EXPECT_EQ(calls, (std::vector<SimTime>{4, 6}));
}

TEST(engine_test, run_twice_and_add_model_while_running_throw) {
  Log log;
  Engine engine(1, 3);
  RecordingModel m("m", log, engine);
  engine.schedule_at(1, [&] { EXPECT_THROW(engine.add_model(m), std::logic_error); });
  engine.run();
  EXPECT_THROW(engine.run(), std::logic_error);
}

// A small stochastic scenario: each of 20 entities has Poisson arrivals that start "jobs",
// some of which are cancelled and rescheduled. Logs (time, entity, kind).
Log run_stochastic_scenario(std::uint64_t seed) {
  Log log;
  Engine engine(from_seconds_exact(1), from_seconds_exact(600));
  std::vector<RandomStream> streams;
  for (std::uint64_t e = 0; e < 20; ++e) {
    streams.emplace_back(seed, e, StreamPurpose::job_arrival);
  }
  std::vector<EventId> finish_ids(20, kNoEvent);
  std::function<void(std::uint64_t)> arrive = [&](std::uint64_t e) {
    RandomStream& rs = streams[e];
    log.push_back(std::to_string(engine.now()) + " " + std::to_string(e) + " arrive");
    // A new arrival pre-empts the running job: its completion is cancelled.
    if (engine.cancel(finish_ids[e])) log.push_back(std::to_string(engine.now()) + " preempt");
    const SimTime run_time = from_seconds(rs.exponential(1.0 / 20.0));
    finish_ids[e] = engine.schedule_in(run_time, [&log, &engine, e] {
      log.push_back(std::to_string(engine.now()) + " " + std::to_string(e) + " finish");
    });
    // Whole seconds half the time, so many events tie with each other and with ticks.
    const double gap_s = rs.exponential(1.0 / 30.0);
    const SimTime gap = rs.bernoulli(0.5) ? from_seconds_exact(static_cast<std::int64_t>(gap_s))
                                          : from_seconds(gap_s);
    engine.schedule_in(gap, [&arrive, e] { arrive(e); });
  };
  for (std::uint64_t e = 0; e < 20; ++e) engine.schedule_at(0, [&arrive, e] { arrive(e); });
  const RunResult r = engine.run();
  log.push_back("events=" + std::to_string(r.events));
  return log;
}

TEST(engine_test, identical_runs_give_identical_logs) {
  const Log a = run_stochastic_scenario(42);
  const Log b = run_stochastic_scenario(42);
  ASSERT_GT(a.size(), 500u);
  EXPECT_EQ(a, b);
  // And the log really depends on the random draws.
  EXPECT_NE(a, run_stochastic_scenario(43));
}

}  // namespace
}  // namespace aifsim::des
