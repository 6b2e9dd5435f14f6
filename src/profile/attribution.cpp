#include "profile/attribution.hpp"

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

double Attribution::layers_energy_j() const {
  double sum = 0.0;
  for (const auto& l : layers)
    if (l.measured) sum += l.energy_j;
  return sum;
}

std::unique_ptr<Attributor> make_attributor(AttributionMethod method) {
  switch (method) {
    case AttributionMethod::Trace:
      return make_trace_attributor();
    case AttributionMethod::Markers:
      return make_markers_attributor();
    case AttributionMethod::Isolate:
      return make_isolate_attributor();
  }
  throw bad_input("unknown attribution method");
}

}  // namespace synergy
