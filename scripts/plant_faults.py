"""Plants small deliberate faults one at a time, rebuilds, and reports which test caught each.

Run through scripts/plant-faults.sh (on demand, not in CI). Each fault is an exact text
replacement in one source file; the file is restored after its fault whatever happens. The tests
named for a fault run in order until one fails; a fault that no test catches is a hole in the suite
and makes the script exit 1.
"""

import argparse
import os
import pathlib
import re
import subprocess
import sys
import time
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parent.parent


@dataclass
class Fault:
    name: str
    path: str
    old: str
    new: str
    tests: tuple  # test executables under the build folder, run in order until one fails


MEASURE = "tests/measure/test_measure"
PROFILE = "tests/profile/test_profile"
PREDICT = "tests/predict/test_predict"
TRUTH = "tests/attribution_truth/test_attribution_truth"

FAULTS = [
    Fault("t quantile replaced by the normal one",
          "src/util/student_t.cpp",
          "if (dof <= 30) return table[static_cast<std::size_t>(dof - 1)];",
          "if (dof <= 30) return table[static_cast<std::size_t>(dof - 1)] > 0 ? 1.96 : 0.0;",
          (PROFILE, PREDICT)),
    Fault("sample variance divided by n, not n - 1",
          "src/profile/statistics.cpp",
          "m2_ / static_cast<double>(n_ - 1)",
          "m2_ / static_cast<double>(n_)",
          (PROFILE,)),
    Fault("confidence interval on n degrees of freedom, not n - 1",
          "src/profile/statistics.cpp",
          "student_t_975(s.count - 1) * s.stddev",
          "student_t_975(s.count) * s.stddev",
          (PROFILE,)),
    Fault("a dropped sample: the first left out of the summary",
          "src/profile/sampling.cpp",
          "out.summary = summarize(out.values);",
          "out.summary = summarize(std::span<const double>(out.values).subspan(out.values.size() > 1));",
          (PROFILE,)),
    Fault("sign flip of a sensor interval's energy",
          "src/profile/sensor_trace.cpp",
          "iv.energy_j = kept[k].value - kept[k - 1].value;",
          "iv.energy_j = kept[k - 1].value - kept[k].value;",
          (PROFILE,)),
    Fault("update edges placed one sensor interval late",
          "src/profile/sensor_trace.cpp",
          "kept.push_back({t, e.value, i});",
          "kept.push_back({t + period, e.value, i});",
          (PROFILE, TRUTH)),
    Fault("update edges placed at the poll that saw them, not between polls",
          "src/profile/sensor_trace.cpp",
          ": e.after_ns - span / 2;",
          ": e.after_ns;",
          (PROFILE, TRUTH)),
    Fault("two layers' windows swapped",
          "src/profile/trace_attribution.cpp",
          "const auto l = static_cast<size_t>(spans[j].layer);",
          "const auto l = static_cast<size_t>(spans[j].layer < 2 ? 1 - spans[j].layer "
          ": spans[j].layer);",
          (PROFILE, TRUTH)),
    Fault("layer uncertainty clamped to 0.1 W",
          "src/profile/trace_attribution.cpp",
          "la.power_uncertainty_w = t975 * stddev(static_cast<Eigen::Index>(l));",
          "la.power_uncertainty_w = std::min(0.1, t975 * stddev(static_cast<Eigen::Index>(l)));",
          (PROFILE, TRUTH)),
    Fault("unit slip: network energy from nanoseconds as microseconds",
          "src/profile/session.cpp",
          "w.mean_power_w() * per_inference_ns * 1e-9",
          "w.mean_power_w() * per_inference_ns * 1e-6",
          (PROFILE, TRUTH)),
    Fault("unit slip: layer energy from nanoseconds as microseconds",
          "src/profile/session.cpp",
          "const double seconds = out_.layer_time_ns[i].mean * 1e-9;",
          "const double seconds = out_.layer_time_ns[i].mean * 1e-6;",
          (PROFILE, TRUTH)),
    Fault("closure sign flipped",
          "src/profile/network_energy.cpp",
          "100.0 * (layers_j - network_j) / network_j",
          "100.0 * (network_j - layers_j) / network_j",
          (PROFILE,)),
    Fault("stale reading reused when the counter is unreadable",
          "src/measure/common/channel_source.cpp",
          "    mark_invalid(out, i, raw.error, ReadFault::Unreadable);\n    return;",
          "    out.energy_j[i] = static_cast<double>(s.unwrapper.total()) * c.scale;\n    return;",
          (MEASURE,)),
    Fault("a wrap loses the counts before it",
          "src/measure/common/unwrap.cpp",
          "backwards ? (max_raw_ - last_) + raw : raw - last_",
          "backwards ? raw : raw - last_",
          (MEASURE,)),
    Fault("prediction interval with the normal quantile",
          "src/predict/apply.cpp",
          "return student_t_975(residual_dof) * std_error;",
          "return 1.96 * std_error;",
          (PREDICT,)),
    Fault("one residual variance for a network of many layers",
          "src/predict/apply.cpp",
          "var += static_cast<double>(n) * part.residual_std * part.residual_std;",
          "var += part.residual_std * part.residual_std;",
          (PREDICT,)),
]


def run(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, text=True, capture_output=True, **kw)


def failed_tests(output):
    return sorted(set(re.findall(r"^\[  FAILED  \] ([\w/.]+)", output, re.M)))


def try_fault(fault, build):
    """Returns (caught_by, seconds): the failing tests (or how it failed), or '' when uncaught."""
    path = ROOT / fault.path
    original = path.read_text()
    if original.count(fault.old) != 1:
        return "NOT PLANTED: the text to change is not found exactly once", 0.0
    start = time.monotonic()
    try:
        path.write_text(original.replace(fault.old, fault.new))
        targets = [pathlib.Path(t).name for t in fault.tests]
        b = run(["cmake", "--build", build, "--target", *targets])
        if b.returncode != 0:
            return "build failed (fix the fault's text): " + b.stdout[-400:], 0.0
        for test in fault.tests:
            r = run([f"{build}/{test}", "--gtest_brief=1"],
                    env={**os.environ, "OMP_NUM_THREADS": "1"}, timeout=900)
            if r.returncode != 0:
                names = failed_tests(r.stdout) or [f"exit {r.returncode}"]
                return f"{pathlib.Path(test).name}: " + ", ".join(names), time.monotonic() - start
        return "", time.monotonic() - start
    finally:
        path.write_text(original)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build", help="configured build folder")
    parser.add_argument("--only", help="run the faults whose name contains this")
    args = parser.parse_args()
    faults = [f for f in FAULTS if not args.only or args.only in f.name]
    uncaught = 0
    print("| # | planted fault | file | caught by | s |")
    print("|---|---|---|---|---|")
    for k, fault in enumerate(faults, 1):
        caught, seconds = try_fault(fault, args.build)
        if not caught or caught.startswith(("NOT PLANTED", "build failed")):
            uncaught += 1
        print(f"| {k} | {fault.name} | {fault.path} | {caught or '**NOT CAUGHT**'} | "
              f"{seconds:.0f} |", flush=True)
    # Rebuild what the faults touched, so the folder holds the real code again.
    run(["cmake", "--build", args.build, "--target",
         *sorted({pathlib.Path(t).name for f in faults for t in f.tests})])
    print(f"{len(faults) - uncaught} of {len(faults)} faults caught")
    return 1 if uncaught else 0


if __name__ == "__main__":
    sys.exit(main())
