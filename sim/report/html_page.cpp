// SPDX-License-Identifier: Apache-2.0
// The document shell of a report: style, script, tables.
#include "sim/report/html_page.h"

#include "sim/report/html_text.h"

namespace aifsim::report {
namespace {

constexpr std::string_view kStyle = R"(
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #222;
       margin: 0 auto; padding: 16px 24px 48px; max-width: 1100px; background: #fff; }
h1 { font-size: 22px; margin: 8px 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 2px; }
.meta { color: #555; margin: 0 0 4px; }
.notes li { color: #8a4b00; }
.unit { color: #666; font-weight: normal; }
p.note { color: #666; margin: 0 0 4px; font-size: 12px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.passed { color: #1a7f37; } .failed { color: #c62828; font-weight: bold; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 6px 10px; min-width: 150px; }
.card .label { color: #555; font-size: 12px; }
.card .value { font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .delta { color: #555; font-size: 12px; font-variant-numeric: tabular-nums; }
figure { margin: 14px 0; }
figure.chart svg, figure.floor svg { display: block; }
ul.legend { list-style: none; padding: 0; margin: 2px 0 2px 124px; display: flex; flex-wrap: wrap; gap: 2px 16px;
            font-size: 12px; }
.swatch { display: inline-block; width: 18px; height: 0; border-top: 3px solid; vertical-align: middle;
          margin-right: 5px; }
.swatch.dashed { border-top-style: dashed; }
.swatch.dot { width: 8px; height: 8px; border: 0; border-radius: 4px; background: currentColor; }
svg text { font-size: 11px; fill: #444; }
svg text.axis { fill: #222; font-weight: 600; }
svg rect.frame { fill: none; stroke: #bbb; }
svg line.grid { stroke: #eee; } svg line.lane { stroke: #f0f0f0; }
svg line.marker { stroke-width: 1.5; stroke-dasharray: 3 3; opacity: 0.8; }
svg line.guide { stroke: #888; stroke-width: 1; display: none; pointer-events: none; }
.floor-maps { display: flex; gap: 16px; flex-wrap: wrap; }
.small-multiples { display: flex; flex-wrap: wrap; gap: 0 20px; }
.small-multiples figure { width: 340px; margin: 10px 0; }
.small-multiples ul.legend { margin-left: 58px; }
.wide { overflow-x: auto; }
details { margin: 8px 0; } summary { cursor: pointer; color: #333; }
.tip { position: absolute; display: none; background: rgba(255,255,255,0.95); border: 1px solid #aaa;
       padding: 4px 8px; font-size: 12px; pointer-events: none; white-space: nowrap; box-shadow: 0 1px 4px #0002; }
)";

// Values under the pointer: each line's points are in SVG pixels, the <svg> carries its data
// ranges, so the value is read back from the line itself (no second copy of the data).
constexpr std::string_view kScript = R"(
(function () {
  function fmt(v) {
    if (!isFinite(v)) return '-';
    var a = Math.abs(v);
    return (a >= 1e6 || (a > 0 && a < 1e-3)) ? v.toExponential(3) : String(+v.toPrecision(4));
  }
  function xlabel(d, x) {
    if (d.clock) {
      var c = d.clock.split(',');
      var iso = new Date((+c[0] + +c[1] + Math.round(x)) * 1000).toISOString();
      return iso.slice(0, 10) + ' ' + iso.slice(11, 19);
    }
    return d.axis === 'time' ? (x / 3600).toFixed(2) + ' h' : fmt(x);
  }
  var tip = document.createElement('div');
  tip.className = 'tip';
  document.body.appendChild(tip);
  document.querySelectorAll('svg.plot').forEach(function (svg) {
    var d = svg.dataset;
    if (d.axis === 'category') return;
    var l = +d.l, r = +d.r, t = +d.t, b = +d.b, x0 = +d.x0, x1 = +d.x1, y0 = +d.y0, y1 = +d.y1;
    var lines = {};
    svg.querySelectorAll('polyline.series').forEach(function (pl) {
      var pts = pl.getAttribute('points').trim().split(' ').map(function (s) {
        var q = s.split(','); return [+q[0], +q[1]];
      });
      var k = pl.getAttribute('data-label');
      lines[k] = (lines[k] || []).concat(pts);
    });
    var names = Object.keys(lines);
    if (!names.length) return;
    var guide = svg.querySelector('line.guide');
    function hide() { tip.style.display = 'none'; guide.style.display = 'none'; }
    svg.addEventListener('mouseleave', hide);
    svg.addEventListener('mousemove', function (e) {
      var box = svg.getBoundingClientRect();
      var px = (e.clientX - box.left) * (svg.viewBox.baseVal.width / box.width);
      if (px < l || px > r) { hide(); return; }
      tip.textContent = '';
      var head = document.createElement('b');
      head.textContent = xlabel(d, x0 + (px - l) / (r - l) * (x1 - x0));
      tip.appendChild(head);
      names.forEach(function (k) {
        var p = lines[k], lo = 0, hi = p.length - 1;
        while (hi - lo > 1) { var m = (lo + hi) >> 1; if (p[m][0] < px) lo = m; else hi = m; }
        var q = Math.abs(p[lo][0] - px) <= Math.abs(p[hi][0] - px) ? p[lo] : p[hi];
        if (Math.abs(q[0] - px) > 12) return;
        var row = document.createElement('div');
        row.textContent = k + ': ' + fmt(y0 + (b - q[1]) / (b - t) * (y1 - y0)) + (d.unit ? ' ' + d.unit : '');
        tip.appendChild(row);
      });
      tip.style.display = 'block';
      tip.style.left = (e.pageX + 14) + 'px';
      tip.style.top = (e.pageY + 10) + 'px';
      guide.setAttribute('x1', px); guide.setAttribute('x2', px); guide.style.display = 'inline';
    });
  });
})();
)";

}  // namespace

std::string render_table(const HtmlTable& table) {
  std::string out = "<table";
  if (!table.css_class.empty()) {
    out += " class=\"";
    out += table.css_class;
    out += '"';
  }
  out += "><thead><tr>";
  const auto numeric = [&](std::size_t c) { return c < table.numeric.size() && table.numeric[c]; };
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    out += numeric(c) ? "<th class=\"num\">" : "<th>";
    out += table.header[c];
    out += "</th>";
  }
  out += "</tr></thead><tbody>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += numeric(c) ? "<td class=\"num\">" : "<td>";
      out += row[c];
      out += "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
  return out;
}

std::string html_document(std::string_view title, std::string_view body) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>";
  out += escape_html(title);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style></head>\n<body>\n";
  out += body;
  out += "<script>";
  out += kScript;
  out += "</script>\n</body></html>\n";
  return out;
}

}  // namespace aifsim::report
