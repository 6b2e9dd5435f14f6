// libFuzzer target for the external meter trace (CSV) reader. Malformed input must end in
// synergy::Error; a trace that parses has strictly increasing times, one value per time in every
// column, finite values, non-negative powers and non-decreasing energy counters.
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>

#include "check.hpp"
#include "measure/trace/trace_format.hpp"

namespace {

void fail(const std::string& what) {
  synergy::fuzz::fail("fuzz_trace", what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  synergy::TraceData trace;
  try {
    trace = synergy::parse_trace(in, "fuzz.csv");
  } catch (const synergy::Error&) {
    return 0;
  }
  if (trace.t_ns.size() < 2 || trace.columns.empty()) fail("a trace without two samples parsed");
  for (size_t i = 1; i < trace.t_ns.size(); ++i)
    if (trace.t_ns[i] <= trace.t_ns[i - 1]) fail("times do not increase");
  for (const auto& c : trace.columns) {
    if (c.values.size() != trace.t_ns.size()) fail("a column's length differs from the times'");
    for (size_t i = 0; i < c.values.size(); ++i) {
      if (!std::isfinite(c.values[i])) fail("a value that is not finite");
      if (c.is_power && c.values[i] < 0) fail("a negative power");
      if (!c.is_power && i > 0 && c.values[i] < c.values[i - 1]) fail("an energy counter falls");
    }
  }
  return 0;
}
