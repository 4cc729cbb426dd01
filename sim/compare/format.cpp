// SPDX-License-Identifier: Apache-2.0
// Text and Markdown renderings of a comparison: both are built from the same tables, so the
// two formats cannot drift apart in what they show.
#include "sim/compare/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aifsim::compare {
namespace {

std::string printf_number(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

struct Table {
  std::vector<std::string> header;
  std::vector<bool> right_aligned;  // per column; numbers are right-aligned
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> code_span;      // per column (or empty); Markdown: keys, paths, directories
};

std::string baseline_label(const Comparison& c) { return c.runs.front().label; }

// "B-A": the header of run r's delta against the baseline.
std::string delta_header(const Comparison& c, std::size_t r) {
  std::string h = c.runs[r].label;
  h += '-';
  h += baseline_label(c);
  return h;
}

Table runs_table(const Comparison& c) {
  Table t{{"run", "directory", "scenario"}, {false, false, false}, {}, {false, true, false}};
  for (std::size_t r = 0; r < c.runs.size(); ++r) {
    std::string label = c.runs[r].label;
    if (r == 0) label += " (baseline)";
    if (!c.runs[r].completed) label += " (stopped early)";
    t.rows.push_back({label, c.runs[r].dir, c.runs[r].scenario.empty() ? "-" : c.runs[r].scenario});
  }
  return t;
}

Table metrics_table(const Comparison& c) {
  Table t;
  t.code_span = {true};
  t.header.push_back("summary key");
  t.right_aligned.push_back(false);
  for (const auto& run : c.runs) {
    t.header.push_back(run.label);
    t.right_aligned.push_back(true);
  }
  for (std::size_t r = 1; r < c.runs.size(); ++r) {
    t.header.push_back(delta_header(c, r));
    t.header.push_back(delta_header(c, r) + " %");
    t.right_aligned.insert(t.right_aligned.end(), {true, true});
  }
  for (const MetricRow& m : c.metrics) {
    std::vector<std::string> row{m.key};
    for (const auto& v : m.values) row.push_back(format_value(v));
    for (std::size_t r = 1; r < c.runs.size(); ++r) {
      row.push_back(format_delta(m.delta[r]));
      row.push_back(format_relative_pct(m.relative_delta_pct[r]));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table per_run_table(const Comparison& c, const char* first_header) {
  Table t;
  t.code_span = {true};
  t.header.push_back(first_header);
  t.right_aligned.push_back(false);
  for (const auto& run : c.runs) {
    t.header.push_back(run.label);
    t.right_aligned.push_back(false);
  }
  return t;
}

Table fields_table(const Comparison& c) {
  Table t = per_run_table(c, "field");
  for (const FieldDiff& f : c.fields) {
    std::vector<std::string> row{f.path};
    for (const auto& v : f.values) row.push_back(v ? *v : "-");
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table checks_table(const Comparison& c) {
  Table t = per_run_table(c, "check");
  for (const CheckRow& k : c.checks) {
    std::vector<std::string> row{k.name};
    for (const auto& p : k.passed) row.push_back(!p ? "-" : *p ? "passed" : "FAILED");
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string render_text(const Table& t) {
  std::vector<std::size_t> width(t.header.size(), 0);
  const auto widen = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  };
  widen(t.header);
  for (const auto& row : t.rows) widen(row);
  std::string out;
  const auto line = [&](const std::vector<std::string>& row) {
    std::string l = "  ";
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) l += "  ";
      const std::string pad(width[i] - row[i].size(), ' ');
      l += t.right_aligned[i] ? pad + row[i] : row[i] + pad;
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l;
    out += '\n';
  };
  line(t.header);
  for (const auto& row : t.rows) line(row);
  return out;
}

// A table cell: `|` would end the cell and a newline the row.
std::string markdown_cell(const std::string& text, bool code) {
  std::string out;
  if (code) out += '`';
  for (const char ch : text) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n') out += ' ';
    else out += ch;
  }
  if (code) out += '`';
  return out;
}

std::string render_markdown(const Table& t) {
  std::string out = "|";
  for (const auto& h : t.header) {
    out += ' ';
    out += markdown_cell(h, false);
    out += " |";
  }
  out += "\n|";
  for (const bool right : t.right_aligned) out += right ? "---:|" : ":---|";
  out += '\n';
  for (const auto& row : t.rows) {
    out += '|';
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += ' ';
      out += markdown_cell(row[i], i < t.code_span.size() && t.code_span[i]);
      out += " |";
    }
    out += '\n';
  }
  return out;
}

std::string runs_heading(const Comparison& c) {
  std::string h = std::to_string(c.runs.size());
  h += " runs against baseline ";
  h += baseline_label(c);
  return h;
}

}  // namespace

std::string format_value(std::optional<double> value) {
  return value ? printf_number("%.6g", *value) : "-";
}

std::string format_delta(std::optional<double> delta) {
  if (!delta) return "-";
  if (*delta == 0.0) return "0";
  return printf_number("%+.6g", *delta);
}

std::string format_relative_pct(std::optional<double> pct) {
  if (!pct) return "-";
  if (*pct == 0.0) return "0.0 %";
  return printf_number(std::fabs(*pct) >= 0.1 ? "%+.1f %%" : "%+.2g %%", *pct);
}

std::string format_text(const Comparison& c) {
  std::string out = "aifsim compare: ";
  out += runs_heading(c);
  out += '\n';
  out += render_text(runs_table(c));
  out += '\n';
  out += render_text(metrics_table(c));

  out += "\nscenario fields that differ";
  if (c.fields.empty()) {
    out += ": none\n";
  } else {
    out += ":\n";
    for (const FieldDiff& f : c.fields) {
      std::string l = "  ";
      l += f.path;
      l += ": ";
      l += f.values.front().value_or("-");
      l += " ->";
      for (std::size_t r = 1; r < f.values.size(); ++r) {
        l += r > 1 ? ", " : " ";
        l += f.values[r].value_or("-");
      }
      out += l;
      out += '\n';
    }
  }

  out += "\nchecks";
  out += c.checks.empty() ? ": none\n" : ":\n";
  if (!c.checks.empty()) out += render_text(checks_table(c));
  for (const auto& note : c.notes) {
    out += "\nnote: ";
    out += note;
    out += '\n';
  }
  return out;
}

// The long summary table goes last: a CI job summary is read from the top, and the changed
// fields and the checks are what a reviewer looks for first.
std::string format_markdown(const Comparison& c) {
  std::string out = "## aifsim compare: ";
  out += runs_heading(c);
  out += "\n\n";
  out += render_markdown(runs_table(c));
  for (const auto& note : c.notes) {
    out += "\n> **Note:** ";
    out += markdown_cell(note, false);
    out += '\n';
  }

  out += "\n### Scenario fields that differ\n\n";
  out += c.fields.empty() ? "None.\n" : render_markdown(fields_table(c));
  out += "\n### Checks\n\n";
  out += c.checks.empty() ? "None.\n" : render_markdown(checks_table(c));
  out += "\n### Summary keys\n\n";
  out += render_markdown(metrics_table(c));
  return out;
}

}  // namespace aifsim::compare
