#include "result/methods.hpp"

#include <string>

#include "util/error.hpp"

namespace synergy {

const char* attribution_method_name(AttributionMethod m) {
  switch (m) {
    case AttributionMethod::Trace:
      return "trace";
    case AttributionMethod::Markers:
      return "markers";
    case AttributionMethod::Isolate:
      return "isolate";
  }
  return "unknown";
}

AttributionMethod parse_attribution_method(std::string_view name) {
  for (auto m : {AttributionMethod::Trace, AttributionMethod::Markers, AttributionMethod::Isolate})
    if (name == attribution_method_name(m)) return m;
  throw bad_input("unknown attribution method '" + std::string(name) +
                  "'; known: trace, markers, isolate");
}

const char* stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::TargetReached:
      return "confidence target reached";
    case StopReason::BudgetExhausted:
      return "time budget exhausted";
    case StopReason::MaxSamples:
      return "maximum sample count reached";
    case StopReason::Interrupted:
      return "interrupted";
  }
  return "unknown";
}

const char* attribution_method_name(const std::optional<AttributionMethod>& m) {
  return m ? attribution_method_name(*m) : "";
}

std::optional<AttributionMethod> parse_record_attribution(std::string_view name) {
  if (name.empty()) return std::nullopt;
  return parse_attribution_method(name);
}

StopReason parse_stop_reason(std::string_view name) {
  for (auto r : {StopReason::TargetReached, StopReason::BudgetExhausted, StopReason::MaxSamples,
                 StopReason::Interrupted})
    if (name == stop_reason_name(r)) return r;
  throw bad_input("unknown stop reason '" + std::string(name) + "'");
}

}  // namespace synergy
