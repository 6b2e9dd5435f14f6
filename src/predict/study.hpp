// The SyNERGY study's regressions re-run on its published figures (data/study).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "predict/model.hpp"

namespace synergy::predict {

struct StudyExperiment {
  std::string id;           // "tx1-openblas-mac-only"
  std::string description;  // what is fitted, on which networks
  Model model;              // fitted on every network of the experiment
  Evaluation evaluation;    // leave-one-network-out
  std::string published;    // the study's figure for the same question, or what it lacks
  std::string note;         // why ours may differ
};

struct StudyReport {
  std::string data_dir;
  std::vector<StudyExperiment> experiments;
};

// The directory the build was configured with (<source>/data/study).
std::string default_study_dir();

// Reads the study's CSV files from `dir` and runs every experiment. Throws bad_input when a
// file is missing or malformed.
StudyReport run_study(const std::string& dir);

}  // namespace synergy::predict
