// Wraps a compiled graph into a runnable Program.
#pragma once

#include <memory>

#include "engine/backend.hpp"
#include "engine/onednn/compiler.hpp"

namespace synergy::onednn {

std::unique_ptr<Program> make_program(std::unique_ptr<Compiler> compiled, int threads);

}  // namespace synergy::onednn
