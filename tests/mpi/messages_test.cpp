// SPDX-License-Identifier: Apache-2.0
// The MPI sweep's messages survive their byte encoding whole, and truncated or padded bytes
// are refused rather than misread.
#include "tools/aifsim-mpi/messages.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace aifsim::mpi {
namespace {

TEST(mpi_messages_test, every_message_round_trips) {
  const GoAhead go{2, "runs/sweep-x"};
  EXPECT_EQ(decode_go_ahead(encode(go)), go);

  Report report;
  report.kind = Report::Kind::result;
  report.variant = 41;
  report.stopping = true;
  report.exit_code = 0;
  report.wall_s = 3.25;
  report.text = std::string("{\n  \"completed\": true\n}\0tail", 30);  // any bytes, NUL included
  EXPECT_EQ(decode_report(encode(report)), report);

  const Assignment none;
  EXPECT_EQ(decode_assignment(encode(none)).variant, -1);
  const Assignment a{7, "0007-target_mw-14"};
  EXPECT_EQ(decode_assignment(encode(a)), a);
}

TEST(mpi_messages_test, truncated_padded_or_unknown_messages_are_refused) {
  Report report;
  report.kind = Report::Kind::error;
  report.text = "sweep.yaml:3:5: bad";
  std::vector<char> bytes = encode(report);
  const std::vector<char> cut(bytes.begin(), bytes.end() - 1);
  EXPECT_THROW(decode_report(cut), std::runtime_error);
  std::vector<char> padded = bytes;
  padded.push_back('x');
  EXPECT_THROW(decode_report(padded), std::runtime_error);
  bytes[0] = 9;  // no such kind
  EXPECT_THROW(decode_report(bytes), std::runtime_error);
  // A string length beyond the message is refused, not allocated.
  std::vector<char> go_bytes = encode(GoAhead{0, "out"});
  go_bytes[sizeof(int)] = static_cast<char>(0x7f);
  EXPECT_THROW(decode_go_ahead(go_bytes), std::runtime_error);
  EXPECT_THROW(decode_assignment(std::vector<char>{}), std::runtime_error);
}

}  // namespace
}  // namespace aifsim::mpi
