// SPDX-License-Identifier: Apache-2.0
// Tests for the JUnit XML report of scenario checks: exact document, counts, escaping.
#include "sim/output/junit_xml.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace aifsim::output {
namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// Everything between the quotes of every attribute: none may hold a raw markup character.
std::vector<std::string> attribute_values(const std::string& xml) {
  std::vector<std::string> values;
  for (std::size_t pos = xml.find("=\""); pos != std::string::npos; pos = xml.find("=\"", pos)) {
    const std::size_t end = xml.find('"', pos + 2);
    values.push_back(xml.substr(pos + 2, end - pos - 2));
    pos = end + 1;
  }
  return values;
}

TEST(junit_xml_test, small_report_is_byte_exact) {
  const std::vector<CheckResult> checks{
      {"peak_power", "facility.peak_power_w", "max", 2.0e6, 1.75e6, true, ""},
      {"pue", "facility.pue", "max", 1.3, 1.31, false, ""},
      {"inlet_temp", "racks.min_inlet_c", "min", 18.0, 16.5, false, "inlet too cold"},
  };
  EXPECT_EQ(junit_xml("small-hall", checks, 1.5),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"small-hall\" tests=\"3\" failures=\"2\" errors=\"0\" "
            "time=\"1.500\">\n"
            "  <testsuite name=\"small-hall\" tests=\"3\" failures=\"2\" errors=\"0\" "
            "skipped=\"0\" time=\"1.500\">\n"
            "    <testcase name=\"peak_power\" classname=\"small-hall\" time=\"0\"/>\n"
            "    <testcase name=\"pue\" classname=\"small-hall\" time=\"0\">\n"
            "      <failure message=\"facility.pue = 1.31 is above the maximum 1.3\" "
            "type=\"max\">metric: facility.pue\nbound: max\nlimit: 1.3\nvalue: 1.31</failure>\n"
            "    </testcase>\n"
            "    <testcase name=\"inlet_temp\" classname=\"small-hall\" time=\"0\">\n"
            "      <failure message=\"inlet too cold\" type=\"min\">metric: racks.min_inlet_c\n"
            "bound: min\nlimit: 18\nvalue: 16.5</failure>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(junit_xml_test, counts_tests_and_failures) {
  std::vector<CheckResult> checks;
  for (int i = 0; i < 7; ++i) {
    std::string name = "c";
    name += std::to_string(i);
    checks.push_back({name, "m", "max", 1.0, 0.5, i % 3 != 0, ""});
  }
  const std::string xml = junit_xml("s", checks, 0.0);
  EXPECT_EQ(count(xml, "tests=\"7\""), 2U);
  EXPECT_EQ(count(xml, "failures=\"3\""), 2U);
  EXPECT_EQ(count(xml, "<testcase "), 7U);
  EXPECT_EQ(count(xml, "<failure "), 3U);
  EXPECT_EQ(count(xml, "</failure>"), 3U);
}

TEST(junit_xml_test, empty_check_list_is_a_valid_empty_suite) {
  const std::string xml = junit_xml("none", {}, 0.25);
  EXPECT_NE(xml.find("<testsuite name=\"none\" tests=\"0\" failures=\"0\" errors=\"0\" "
                     "skipped=\"0\" time=\"0.250\">\n  </testsuite>"),
            std::string::npos)
      << xml;
  EXPECT_EQ(count(xml, "<testcase"), 0U);
}

TEST(junit_xml_test, escapes_markup_in_every_attribute_and_text) {
  const std::string evil = "a<b>&c\"d'e";
  const std::vector<CheckResult> checks{{evil, evil, evil, 1.0, 2.0, false, evil}};
  const std::string xml = junit_xml(evil, checks, 0.0);
  const std::string escaped = "a&lt;b&gt;&amp;c&quot;d&apos;e";
  // suite name x2, testcase name, classname, message, type, metric and bound in the body
  EXPECT_EQ(count(xml, escaped), 8U) << xml;
  EXPECT_EQ(count(xml, evil), 0U) << xml;
  for (const auto& value : attribute_values(xml)) {
    EXPECT_EQ(value.find_first_of("<>\"'"), std::string::npos) << value;
  }
  EXPECT_NE(xml.find("<failure message=\"" + escaped + "\" type=\"" + escaped +
                     "\">metric: " + escaped + "\nbound: " + escaped),
            std::string::npos)
      << xml;
  // Only the markup this writer emits contains '<': one per tag.
  EXPECT_EQ(count(xml, "<"), 9U) << xml;
}

TEST(junit_xml_test, whitespace_and_control_characters_survive_as_valid_xml) {
  const std::vector<CheckResult> checks{
      {"tab\there", "m", "max", 1.0, 2.0, false, "line1\nline2\r\x01 end"}};
  const std::string xml = junit_xml("s", checks, 0.0);
  EXPECT_NE(xml.find("name=\"tab&#9;here\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("message=\"line1&#10;line2&#13;\xEF\xBF\xBD end\""), std::string::npos) << xml;
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(junit_xml_test, invalid_utf8_is_replaced) {
  const std::vector<CheckResult> checks{{"bad\xFF\xC3", "m", "max", 1.0, 0.0, true, ""}};
  const std::string xml = junit_xml("caf\xC3\xA9", checks, 0.0);
  EXPECT_NE(xml.find("name=\"bad\xEF\xBF\xBD\xEF\xBF\xBD\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"caf\xC3\xA9\""), std::string::npos) << xml;
  EXPECT_EQ(xml.find('\xFF'), std::string::npos);
}

TEST(junit_xml_test, default_failure_message_names_metric_bound_and_limit) {
  const std::vector<CheckResult> checks{
      {"low", "racks.inlet_c", "min", 18.0, 17.25, false, ""},
      {"odd", "x", "eq", 1.0, std::numeric_limits<double>::quiet_NaN(), false, ""}};
  const std::string xml = junit_xml("s", checks, 0.0);
  EXPECT_NE(xml.find("message=\"racks.inlet_c = 17.25 is below the minimum 18\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("message=\"x = nan violates eq 1\""), std::string::npos) << xml;
}

TEST(junit_xml_test, time_is_fixed_decimal_and_never_negative) {
  const std::vector<CheckResult> none;
  EXPECT_NE(junit_xml("s", none, 1234567.8912).find("time=\"1234567.891\""), std::string::npos);
  EXPECT_NE(junit_xml("s", none, 1e-9).find("time=\"0.000\""), std::string::npos);
  EXPECT_NE(junit_xml("s", none, -3.0).find("time=\"0.000\""), std::string::npos);
  EXPECT_NE(junit_xml("s", none, std::numeric_limits<double>::infinity()).find("time=\"0.000\""),
            std::string::npos);
}

}  // namespace
}  // namespace aifsim::output
