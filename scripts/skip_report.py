#!/usr/bin/env python3
"""Accounts for the skipped tests of a run: scripts/skip_report.py XML...

Reads ctest's JUnit output (ctest --output-junit) or gtest's (--gtest_output=xml), prints the skips per test suite and per
reason, and exits 1 when a skip gives a reason that is not on the fixed list in
tests/common/skip.hpp (every GTEST_SKIP() message starts with "<reason>: "), or when no test
passed at all. A skip off the list is a missing package, a binary not built or a case that
should not have been generated: CI fails on it instead of counting it as fine.
"""
import collections
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
REASONS_FILE = ROOT / "tests/common/skip.hpp"


def allowed_reasons():
    text = REASONS_FILE.read_text()
    return re.findall(r'std::string_view k\w+ = "([^"]+)";', text)


def skip_message(case):
    """The skip's message: the line after gtest's 'file:line: Skipped' in the test's output
    (ctest), or after 'file:line' in the message of its <skipped> element (gtest); '' when there
    is none."""
    for line_before, text in ((r".*: Skipped$", case.findtext("system-out")),
                              (r".*:\d+$", case.find("skipped").get("message")
                               if case.find("skipped") is not None else "")):
        lines = (text or "").splitlines()
        for i, line in enumerate(lines[:-1]):
            if re.fullmatch(line_before, line.rstrip()):
                return lines[i + 1].strip()
    return ""


def suite_of(test_name):
    """'Zoo/ZooOnBackend.AgreesWithReference/resnet50_blas' -> 'ZooOnBackend'."""
    head = test_name.split(".", 1)[0]
    return head.rsplit("/", 1)[-1]


def main(paths):
    reasons = allowed_reasons()
    total = passed = 0
    by_reason = collections.Counter()
    by_suite = collections.Counter()
    unlisted = []
    for path in paths:
        for case in ET.parse(path).getroot().iter("testcase"):
            total += 1
            skipped = case.get("status") == "skipped" or case.find("skipped") is not None
            failed = case.find("failure") is not None or case.find("error") is not None
            if not skipped and not failed and case.get("status", "run") == "run":
                passed += 1
            if not skipped:
                continue
            name = case.get("name", "?")
            if "." not in name and case.get("classname"):
                name = case.get("classname") + "." + name
            message = skip_message(case)
            reason = next((r for r in reasons if message.startswith(r + ":")), None)
            by_suite[suite_of(name)] += 1
            by_reason[reason or "NOT ON THE LIST"] += 1
            if reason is None:
                unlisted.append(f"{name}: {message or '(no message)'}")
    skipped = sum(by_reason.values())
    print(f"skips: {skipped} of {total} tests ({passed} passed)")
    for reason, n in by_reason.most_common():
        print(f"  {n:5d}  {reason}")
    if by_suite:
        print("skips per suite:")
        for suite, n in sorted(by_suite.items()):
            print(f"  {n:5d}  {suite}")
    ok = True
    if unlisted:
        print(f"FAIL: {len(unlisted)} skips give a reason not in {REASONS_FILE.relative_to(ROOT)}:")
        for line in unlisted[:50]:
            print("  " + line)
        ok = False
    if total and not passed:
        print("FAIL: no test passed")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
