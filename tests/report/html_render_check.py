#!/usr/bin/env python3
"""Renders each kind of HTML report in headless Chromium and checks what it drew.

  tests/report/html_render_check.py SYNERGY [--screenshots DIR] [--keep DIR]

Makes the reports with the synergy binary (a profile on a constant 20 W meter log, the stored
run, a diff of two runs, an evaluation of the study's data), loads each page from its file with
no network, and checks: the page rendered its kind and recorded no script or console error; the
drawn bars and points carry the record's values (per-layer time and energy, power, diff values,
measured and predicted) and their lengths scale with them; each page renders to a PNG. A page
made to fail (an unknown kind) must be caught, so the error capture itself is checked too.
Exit 0 when everything holds, 1 otherwise.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser

WATTS = 20.0
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "area", "base", "col", "source"}
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print(f"FAIL: {what}")
    return ok


def close(a, b, rel=1e-6, abs_tol=1e-12):
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_tol)


class Dom(HTMLParser):
    """Elements with their attributes and the data-chart they sit in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.elements = []  # (tag, attrs, chart)
        self.root_attrs = {}
        self.body_attrs = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.root_attrs = a
        if tag == "body":
            self.body_attrs = a
        chart = a.get("data-chart") or next(
            (c for c in reversed(self.stack) if c), None)
        self.elements.append((tag, a, chart))
        if tag not in VOID:
            self.stack.append(a.get("data-chart") or chart)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def in_chart(self, chart, tag=None):
        return [(t, a) for t, a, c in self.elements if c == chart and (tag is None or t == tag)]

    def chart(self, chart):
        return next((a for t, a, _ in self.elements if a.get("data-chart") == chart), None)


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr[-2000:]}")
    return r.stdout


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    sys.exit("no Chromium found (Debian: apt-get install chromium)")


def browser(args, page, profile_dir, extra):
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-extensions", "--disable-background-networking", "--hide-scrollbars",
           f"--user-data-dir={profile_dir}", *extra, "file://" + os.path.abspath(page)]
    start = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return r, time.monotonic() - start


def render(page, work, screenshots=None):
    """The DOM after the page's script ran, and its screenshot checked."""
    r, seconds = browser(None, page, os.path.join(work, "chrome"), ["--dump-dom"])
    check(r.returncode == 0, f"{page}: chromium --dump-dom exited {r.returncode}")
    dom = Dom()
    dom.feed(r.stdout)
    png = os.path.join(screenshots or work, os.path.basename(page).replace(".html", ".png"))
    s, _ = browser(None, page, os.path.join(work, "chrome"),
                   [f"--screenshot={png}", "--window-size=1150,2400"])
    ok = s.returncode == 0 and os.path.exists(png)
    if check(ok, f"{page}: no screenshot ({s.stderr[-300:]})"):
        with open(png, "rb") as f:
            head = f.read(8)
        check(head == b"\x89PNG\r\n\x1a\n" and os.path.getsize(png) > 10000,
              f"{page}: the screenshot is not a drawn PNG")
    print(f"  {os.path.basename(page)}: {os.path.getsize(page) / 1024:.0f} KiB, "
          f"drawn by its script in {dom.body_attrs.get('data-render-ms', '?')} ms, "
          f"{seconds:.2f} s with Chromium's start")
    return dom


def rendered_clean(dom, page, kind):
    check(dom.body_attrs.get("data-rendered") == kind,
          f"{page}: not rendered as '{kind}' (data-rendered={dom.body_attrs.get('data-rendered')})")
    check("data-errors" not in dom.root_attrs,
          f"{page}: script errors: {dom.root_attrs.get('data-errors')}")


def self_contained(page):
    text = open(page, encoding="utf-8").read()
    for needle in ("<script src", "<link", "@import", "XMLHttpRequest", "fetch(", "url(http"):
        check(needle not in text, f"{page}: refers outside itself ('{needle}')")


def bars_scale(dom, page, chart):
    """Every bar's length is its value times the chart's scale."""
    svg = dom.chart(chart)
    if not check(svg is not None, f"{page}: no chart {chart}"):
        return []
    scale = float(svg["data-scale"])
    rects = [a for t, a in dom.in_chart(chart, "rect") if "data-value" in a]
    for a in rects:
        check(close(float(a["width"]), float(a["data-value"]) * scale, 1e-6, 1e-9),
              f"{page}: {chart} bar {a.get('data-label')} is {a['width']} px for "
              f"{a['data-value']} at {scale} px per unit")
    return rects


def check_run(dom, page, rec, with_timeline):
    rendered_clean(dom, page, "run")
    times = bars_scale(dom, page, "layer-time")
    check(len(times) == len(rec["layers"]),
          f"{page}: {len(times)} time bars for {len(rec['layers'])} layers")
    for a, layer in zip(times, rec["layers"]):
        check(close(a["data-value"], layer["time_ns"]["mean"] * 1e-6),
              f"{page}: {layer['name']} drawn at {a['data-value']} ms, "
              f"the record says {layer['time_ns']['mean'] * 1e-6}")
    attributed = [l for l in rec["layers"] if l.get("energy")]
    energies = bars_scale(dom, page, "layer-energy")
    check(len(energies) == len(attributed) and attributed,
          f"{page}: {len(energies)} energy bars for {len(attributed)} attributed layers")
    for a, layer in zip(energies, attributed):
        check(close(a["data-value"], layer["energy"]["energy_j"] * 1e3),
              f"{page}: {layer['name']} energy drawn at {a['data-value']} mJ")
        check(abs(layer["energy"]["power_w"] - WATTS) <= 0.03 * WATTS or
              layer["time_ns"]["mean"] < 0.01 * rec["network"]["time_ns"]["mean"],
              f"{page}: {layer['name']} at {layer['energy']['power_w']} W on a {WATTS} W meter")
    shares = bars_scale(dom, page, "type-share")
    check(len(shares) == len(rec["by_type"]), f"{page}: {len(shares)} type bars")
    for a, t in zip(shares, rec["by_type"]):
        check(close(a["data-value"], 100 * t["time_share"]), f"{page}: {t['type']} share")
    points = dom.in_chart("roofline", "circle")
    check(len(points) > 0, f"{page}: an empty roofline")
    by_name = {l["name"]: l for l in rec["layers"]}
    for _, a in points:
        layer = by_name.get(a["data-layer"])
        check(layer is not None and not layer["fused_into"] and not layer["view"],
              f"{page}: roofline point {a['data-layer']} is not a kernel of the run")
    power = [a for _, a in dom.in_chart("timeline", "path") if "data-max-w" in a]
    if with_timeline:
        spans = [a for _, a in dom.in_chart("timeline", "rect") if "data-layer" in a]
        check(len(spans) >= len(times), f"{page}: {len(spans)} layer spans on the timeline")
        check(len(power) == 1 and close(power[0]["data-max-w"], WATTS, 1e-3) and
              close(power[0]["data-min-w"], WATTS, 1e-3),
              f"{page}: the power line is not the meter's constant {WATTS} W: "
              f"{power[0] if power else 'none'}")
    else:
        check(dom.chart("timeline") is None and not power,
              f"{page}: a timeline drawn from a stored run, which keeps no readings")


def check_diff(dom, page, diff):
    rendered_clean(dom, page, "diff")
    rects = bars_scale(dom, page, "diff-time")
    a_bars = [a for a in rects if a.get("data-series") == "A"]
    b_bars = [a for a in rects if a.get("data-series") == "B"]
    timed = [l for l in diff["layers"] if l["time_ms"]]
    check(len(a_bars) == len(timed) == len(b_bars), f"{page}: {len(a_bars)}/{len(b_bars)} bars "
          f"for {len(timed)} layers")
    for a, b, l in zip(a_bars, b_bars, timed):
        check(close(a["data-value"], l["time_ms"]["a"]) and close(b["data-value"], l["time_ms"]["b"]),
              f"{page}: {l['name']} drawn at {a['data-value']}/{b['data-value']} ms")


def check_evaluation(dom, page, doc):
    rendered_clean(dom, page, "evaluation")
    for k, e in enumerate(doc["evaluations"]):
        points = [a for _, a in dom.in_chart(f"evaluation-{k}", "circle")]
        check(len(points) == len(e["networks"]), f"{page}: {len(points)} points for "
              f"{len(e['networks'])} networks")
        inside = 0
        for a, n in zip(points, e["networks"]):
            check(a["data-network"] == n["network"] and close(a["data-measured"], n["measured"])
                  and close(a["data-predicted"], n["predicted"]), f"{page}: {n['network']}")
            inside += "inside" in a.get("class", "")
        check(close(inside, e["summary"]["within_10_percent"] * len(e["networks"]), 1e-9),
              f"{page}: {inside} points in the 10 % band, the summary says "
              f"{e['summary']['within_10_percent']}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("synergy")
    p.add_argument("--screenshots", help="keep the PNGs here")
    p.add_argument("--keep", help="work here and keep the files")
    args = p.parse_args()
    syn = os.path.abspath(args.synergy)
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    work = args.keep or tempfile.mkdtemp(prefix="synergy-html-")
    os.makedirs(work, exist_ok=True)
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    w = lambda name: os.path.join(work, name)  # noqa: E731
    store = w("runs.db")
    if os.path.exists(store):
        os.remove(store)

    t0 = time.clock_gettime(time.CLOCK_MONOTONIC) - 5
    with open(w("meter.csv"), "w") as f:
        f.write("time_s,power_w\n")
        for i in range(300000):
            f.write(f"{t0 + i * 0.001:.6f},{WATTS}\n")
    profile = [syn, "profile", "allcnn_c", "--energy", "trace:" + w("meter.csv"),
               "--max-time", "1s", "--store", store, "--format", "json"]
    runs = []
    for threads, extra in ((1, ["--counters", "software", "--report", w("run.html")]), (2, [])):
        runs.append(json.loads(run(profile + ["--threads", str(threads)] + extra)))
    run([syn, "report", "1", "--store", store, "-o", w("stored.html")])
    run([syn, "report", "1", "2", "--store", store, "-o", w("diff.html")])
    diff = json.loads(run([syn, "runs", "diff", "1", "2", "--store", store, "--format", "json"]))
    evaluation = run([syn, "evaluate", "--data", os.path.join(repo, "data/study/eigen_conv_energy.csv"),
                      "--device", "tx1", "--analytic", "--target", "conv_energy_mj",
                      "--no-intercept", "--solver", "nnls", "--features", "conv_macs",
                      "--features", "conv_macs,conv_traffic_bytes", "--format", "json"])
    with open(w("evaluation.json"), "w") as f:
        f.write(evaluation)
    run([syn, "report", "--evaluation", w("evaluation.json"), "-o", w("evaluation.html")])

    print("rendering in", chromium())
    for page in ("run.html", "stored.html", "diff.html", "evaluation.html"):
        self_contained(w(page))
    check_run(render(w("run.html"), work, args.screenshots), "run.html", runs[0], True)
    check_run(render(w("stored.html"), work, args.screenshots), "stored.html", runs[0], False)
    check_diff(render(w("diff.html"), work, args.screenshots), "diff.html", diff)
    check_evaluation(render(w("evaluation.html"), work, args.screenshots), "evaluation.html",
                     json.loads(evaluation))

    # The error capture must see a failing page: the same run with a kind the script lacks.
    text = open(w("run.html"), encoding="utf-8").read()
    with open(w("broken.html"), "w", encoding="utf-8") as f:
        f.write(text.replace('"kind":"run"', '"kind":"no-such-kind"', 1))
    broken = render(w("broken.html"), work)
    check(broken.root_attrs.get("data-errors") and "data-rendered" not in broken.body_attrs,
          "broken.html: a page whose script fails was not caught")

    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all HTML report checks hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
