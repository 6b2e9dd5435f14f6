// The exit-code contract over every subcommand, as docs/cli.md states it: arguments -> exit code
// -> output. 0 ok, 1 runtime failure (a full disk, a failed write), 2 bad input or usage, 3
// hardware or permission unavailable; 130/143/129 (interrupted) are in signals_test.cpp.
// Failures as root: sysfs refuses new files even to root (permission denied), /dev/full fails
// every write (disk full), and /dev/full/x is a path through a file (not a directory).
#include <gtest/gtest.h>

#include <filesystem>

#include "common/skip.hpp"
#include "contract.hpp"
#include "engine/cudnn/cudnn_backend.hpp"

namespace synergy::testing {
namespace {

#define QUICK " --energy none --iterations 3 --max-time 300ms --ci 50% --backend reference"
#define STUDY_DATA " --data {src}/data/study/tx1_openblas_conv_energy.csv --target conv_energy_mj"

const Case kCases[] = {
    // the binary itself
    {"", 2, Stream::Err, R"(usage: synergy <command>)"},
    {"bogus", 2, Stream::Err, R"(unknown command 'bogus')"},
    {"--help", 0, Stream::Out,
     R"(exit codes: 0 ok, 1 runtime failure, 2 bad input or usage, 3 hardware or permission)"},
    {"--help >/dev/full", 1, Stream::Err, R"(cannot write standard output: disk full)"},
    // zoo
    {"zoo", 0, Stream::Out, R"(alexnet)"},
    {"zoo --format xml", 2, Stream::Err, R"(xml)"},
    {"zoo >/dev/full", 1, Stream::Err, R"(synergy zoo: error: cannot write standard output: disk)"},
    // inspect
    {"inspect alexnet", 0, Stream::Out, R"(conv1)"},
    {"inspect no_such_net", 2, Stream::Err, R"(unknown network 'no_such_net')"},
    {"inspect alexnet --format json >/dev/full", 1, Stream::Err, R"(standard output: disk full)"},
    // export
    {"export allcnn_c -o {tmp}a.onnx", 0, Stream::Err, R"(wrote .*a\.onnx)"},
    {"export allcnn_c -o /nonexistent/d/a.onnx", 2, Stream::Err,
     R"(directory '/nonexistent/d' does not exist)"},
    {"export allcnn_c --format onnx -o /dev/full", 1, Stream::Err,
     R"(cannot write export '/dev/full': disk full)"},
    {"export allcnn_c -o /sys/a.onnx", 3, Stream::Err, R"('/sys/a\.onnx': permission denied)"},
    // run
    {"run allcnn_c --warmup 0 --iterations 2 --no-store", 0, Stream::Out, R"(network: time)"},
    {"run allcnn_c --threads -1", 2, Stream::Err, R"(--threads)"},
    {"run allcnn_c --warmup 0 --iterations 2 --no-store --backend cudnn", 3, Stream::Err,
     R"(backend 'cudnn' cannot run here)", nullptr, true},
    {"run allcnn_c --warmup 0 --iterations 2 --no-store --format json >/dev/full", 1, Stream::Err,
     R"(standard output: disk full)"},
    {"run allcnn_c --warmup 0 --iterations 2 --no-store --output /nonexistent/d/y.npy", 2,
     Stream::Err, R"(does not exist)"},
    {"run allcnn_c --warmup 0 --iterations 2 --no-store --output /sys/y.npy", 3, Stream::Err,
     R"(cannot write output '/sys/y\.npy': permission denied)"},
    // profile: success, then bad input that leaves no store file behind
    {"profile allcnn_c" QUICK " --store {tmp}p.db", 0, Stream::Err, R"(stored as run 1 in)"},
    {"profile no_such_net" QUICK " --store {tmp}p.db", 2, Stream::Err, R"(unknown network)",
     "{tmp}p.db"},
    {"profile allcnn_c" QUICK " --ci lots --store {tmp}p.db", 2, Stream::Err, R"(--ci)",
     "{tmp}p.db"},
    {"profile allcnn_c --energy none --backend nosuch --store {tmp}p.db", 2, Stream::Err,
     R"(unknown backend 'nosuch')", "{tmp}p.db"},
    {"profile allcnn_c" QUICK " --counters nosuch --store {tmp}p.db", 2, Stream::Err,
     R"(unknown counter preset)", "{tmp}p.db"},
    {"profile allcnn_c" QUICK " --trace /nonexistent/d/t.json --store {tmp}p.db", 2, Stream::Err,
     R"(cannot write trace '/nonexistent/d/t\.json': directory '/nonexistent/d' does not)",
     "{tmp}p.db"},
    {"profile allcnn_c" QUICK " --store-wait soon --store {tmp}p.db", 2, Stream::Err, R"(soon)",
     "{tmp}p.db"},
    {"profile allcnn_c --energy rapl --sysfs-root {tmp}nosys --store {tmp}p.db", 3, Stream::Err,
     R"(no RAPL zones under .*nosys/sys/class/powercap)", "{tmp}p.db"},
    {"profile allcnn_c --energy none --backend cudnn --store {tmp}p.db", 3, Stream::Err,
     R"(backend 'cudnn' cannot run here)", "{tmp}p.db", true},
    // profile: stores that cannot be used, each with its cause
    {"profile allcnn_c" QUICK " --store /nonexistent/d/p.db", 2, Stream::Err,
     R"(results store '/nonexistent/d/p\.db': directory '/nonexistent/d' does not exist)"},
    {"profile allcnn_c" QUICK " --store {tmp}", 2, Stream::Err, R"(it is a directory)"},
    {"profile allcnn_c" QUICK " --store /dev/full/p.db", 2, Stream::Err, R"(not a directory)"},
    {"profile allcnn_c" QUICK " --store {tmp}notadb.db", 2, Stream::Err,
     R"(not a synergy results store \(.*not a SQLite database)"},
    {"profile allcnn_c" QUICK " --store /sys/p.db", 3, Stream::Err,
     R"(results store '/sys/p\.db': permission denied)"},
    // profile: outputs that fail after the run is stored (store_faults_test checks the store)
    {"profile allcnn_c" QUICK " --format json --store {tmp}p.db >/dev/full", 1, Stream::Err,
     R"(stored as run 1[\s\S]*cannot write standard output: disk full)"},
    {"profile allcnn_c" QUICK " --trace /dev/full --store {tmp}p.db", 1, Stream::Err,
     R"(stored as run 1[\s\S]*cannot write trace '/dev/full': disk full)", nullptr, false, true},
    {"profile allcnn_c" QUICK " --trace /sys/t.json --store {tmp}p.db", 3, Stream::Err,
     R"(stored as run 1[\s\S]*cannot write trace '/sys/t\.json': permission denied)", nullptr,
     false, true},
    // sensors
    {"sensors", 0, Stream::Out, R"(energy sources)"},
    {"sensors --bogus", 2, Stream::Err, R"(bogus)"},
    // fit, evaluate, predict, study
    {"fit" STUDY_DATA " --features conv_macs --no-intercept --out {tmp}m.json", 0, Stream::Out,
     R"(conv_macs)"},
    {"fit --target e --features x --out {tmp}m.json", 2, Stream::Err, R"(--data)"},
    {"fit" STUDY_DATA " --features conv_macs --out /dev/full", 1, Stream::Err,
     R"(cannot write model file '/dev/full': disk full)"},
    {"fit" STUDY_DATA " --features conv_macs --out /nonexistent/d/m.json", 2, Stream::Err,
     R"(does not exist)"},
    {"evaluate" STUDY_DATA " --features conv_macs --no-intercept", 0, Stream::Out, R"(loo)"},
    // every JSON document names its kind, version and units
    {"evaluate" STUDY_DATA " --features conv_macs --no-intercept --format json", 0, Stream::Out,
     R"("format": "synergy-evaluation",\n  "units": \{[^}]*"measured": "the model's target units")"},
    {"fit" STUDY_DATA " --features conv_macs --no-intercept --out {tmp}s.json --format json", 0,
     Stream::Out, R"("format": "synergy-model-summary",[\s\S]*"version": 1\n\}\n$)"},
    {"study --format json", 0, Stream::Out, R"("format": "synergy-study")"},
    {"evaluate" STUDY_DATA " --features no_such_column", 2, Stream::Err, R"(no_such_column)"},
    {"predict --help", 0, Stream::Out, R"(--model)"},
    {"predict alexnet", 2, Stream::Err, R"(--model)"},
    {"predict --model {tmp}garbage.onnx alexnet", 2, Stream::Err, R"(garbage\.onnx)"},
    {"study", 0, Stream::Out, R"(tx1-openblas-mac-only)"},
    {"study >/dev/full", 1, Stream::Err, R"(standard output: disk full)"},
    // runs (import and list against real stores: store_faults_test.cpp)
    {"runs", 2, Stream::Err, R"(subcommand)"},
    {"runs list --store {tmp}none.db", 2, Stream::Err, R"(no results store at)", "{tmp}none.db"},
    {"runs list --store {tmp}notadb.db", 2, Stream::Err, R"(not a SQLite database)"},
    {"runs import {tmp}garbage.onnx --store {tmp}r.db", 2, Stream::Err,
     R"(garbage\.onnx': malformed result JSON)", "{tmp}r.db"},
    {"runs import /nonexistent/r.json --store {tmp}r.db", 2, Stream::Err, R"(cannot read)",
     "{tmp}r.db"},
    {"runs import {tmp}notadb.db --store /sys/r.db", 2, Stream::Err, R"(malformed)"},
// report
#define LENET_RECORD " --record {src}/fuzz/corpus/result_json/lenet_profile.json"
    {"report" LENET_RECORD " -o {tmp}r.html", 0, Stream::Err, R"(report written to .*r\.html)"},
    {"report" LENET_RECORD " -o /dev/full", 1, Stream::Err, R"(cannot write report .*disk full)"},
    {"report" LENET_RECORD " -o /sys/r.html", 3, Stream::Err, R"('/sys/r\.html': permission)"},
    {"report", 2, Stream::Err, R"(--out is required)"},
    {"report -o {tmp}r.html", 2, Stream::Err, R"(give one of)", "{tmp}r.html"},
    {"report 1" LENET_RECORD " -o {tmp}r.html", 2, Stream::Err, R"(give one of)", "{tmp}r.html"},
    {"report --record /nonexistent/r.json -o {tmp}r.html", 2, Stream::Err, R"(cannot read)",
     "{tmp}r.html"},
    {"report --evaluation {tmp}garbage.onnx -o {tmp}r.html", 2, Stream::Err,
     R"(the evaluation is not JSON)", "{tmp}r.html"},
    {"report 1 --store {tmp}none.db -o {tmp}r.html", 2, Stream::Err, R"(no results store at)",
     "{tmp}r.html"},
    {"profile allcnn_c" QUICK " --report /nonexistent/d/r.html --store {tmp}p.db", 2, Stream::Err,
     R"(directory '/nonexistent/d' does not exist)", "{tmp}p.db"},
    {"profile --zoo" QUICK " --report {tmp}r.html --store {tmp}p.db", 2, Stream::Err,
     R"(--report writes one network's page)", "{tmp}p.db"},
#undef LENET_RECORD
};

class ExitCodes : public ::testing::TestWithParam<Case> {};

TEST_P(ExitCodes, ArgumentsGiveTheirCodeAndSaySo) {
  ASSERT_TRUE(std::filesystem::exists(synergy_binary()))
      << "binary not built: " << synergy_binary();
  if (GetParam().needs_no_gpu && cuda_unavailable_reason().empty()) {
    GTEST_SKIP() << test::skip::kGpuPresent << ": a CUDA device is here";
  }
  expect_contract(GetParam());
}

INSTANTIATE_TEST_SUITE_P(EverySubcommand, ExitCodes, ::testing::ValuesIn(kCases), case_name);

}  // namespace
}  // namespace synergy::testing
