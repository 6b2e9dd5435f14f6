// Turns a profile outcome into the result record that reporters and the store take.
#pragma once

#include <string>

#include "graph/graph.hpp"
#include "profile/session.hpp"
#include "result/record.hpp"

namespace synergy {

ResultRecord make_record(const std::string& model, const ProfileOutcome& outcome,
                         RunContext context);

// The context of a profile of `engine` measured with `energy` (no source: not measured, for the
// reason `unavailable`): the machine, backend and its libraries, threads, batch, precision, build
// type and the sensor with the facts it reports.
RunContext profile_context(const Engine& engine, const EnergySetup& energy,
                           const std::string& unavailable);

// Each layer's shapes, MACs and least traffic (in the record's precision) from `g`, the network
// the record was made on (its layers in the graph's order). Returns "", or why `g`'s layers are
// not the record's (and the record is unchanged).
std::string set_layer_costs(ResultRecord& record, const Graph& g);

}  // namespace synergy
