// How a profile's figures were taken: the attribution method of per-layer energy and why the
// sampling of a figure stopped. One spelling each, in the record, its JSON, the store and the CLI.
#pragma once

#include <optional>
#include <string_view>

namespace synergy {

enum class AttributionMethod {
  Trace,    // non-negative least squares of layer power over sensor update intervals
  Markers,  // integrate power between layer boundaries (the original study's method)
  Isolate,  // each layer repeated alone inside edge-aligned windows
};
const char* attribution_method_name(AttributionMethod m);  // "trace", "markers", "isolate"
// Throws bad_input listing the known names.
AttributionMethod parse_attribution_method(std::string_view name);
// A record's method: its name, or "" where energy was not attributed (and back).
const char* attribution_method_name(const std::optional<AttributionMethod>& m);
std::optional<AttributionMethod> parse_record_attribution(std::string_view name);

enum class StopReason { TargetReached, BudgetExhausted, MaxSamples, Interrupted };
// "confidence target reached", "time budget exhausted", "maximum sample count reached",
// "interrupted".
const char* stop_reason_name(StopReason r);
// Throws bad_input listing the known names.
StopReason parse_stop_reason(std::string_view name);

}  // namespace synergy
