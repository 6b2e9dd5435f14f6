// Turns a profile outcome into the result record that reporters and the store take.
#pragma once

#include <string>

#include "profile/session.hpp"
#include "result/record.hpp"

namespace synergy {

ResultRecord make_record(const std::string& model, const ProfileOutcome& outcome,
                         RunContext context);

}  // namespace synergy
