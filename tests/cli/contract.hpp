// A table-driven CLI contract: arguments -> exit code -> a pattern in stdout or stderr.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "run_binary.hpp"

namespace synergy::testing {

enum class Stream { Out, Err };

struct Case {
  const char* args;  // {src}: the source tree; {tmp}: this case's scratch directory
  int exit_code;
  Stream stream;
  const char* pattern;             // ECMAScript regex searched in the stream
  const char* absent = nullptr;    // a path that must not exist afterwards (no store file made)
  bool needs_no_gpu = false;       // the case is about a missing GPU
  bool output_on_failure = false;  // fails after its results were printed (a later write)
};

void PrintTo(const Case& c, std::ostream* os);

// Expands {src} and {tmp} (`scratch`, where it also puts a garbage model file garbage.onnx and
// a file that is not a database, notadb.db).
std::string expand(std::string args, const ScratchDir& scratch);

// Runs the case in a fresh scratch directory and checks it; a failure prints nothing on stdout
// unless the case says otherwise.
void expect_contract(const Case& c);

// "07_inspect_alexnet_batch_4": the case's index and the letters and digits of its arguments.
std::string case_name(const ::testing::TestParamInfo<Case>& info);

}  // namespace synergy::testing
