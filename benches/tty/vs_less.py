#!/usr/bin/env python3
"""liveblog and `less` side by side on the same file, through a real pty and a terminal
emulator (ttybench.py beside this file; needs pyte: pip install pyte). Prints a Markdown table.

usage: benches/tty/vs_less.py FILE [--marker TEXT] [--cols 200] [--rows 60] [--runs 3]
           [--bin target/release/liveblog]

FILE is a large plain-text blog, e.g. the 5,000-entry one the README measures. Each figure
is the median over --runs runs; keys are 30 PageDown then 30 Down, as the README's table."""
import argparse, json, pathlib, statistics, subprocess, sys

here = pathlib.Path(__file__).resolve().parent
ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--marker", default="Spanish prime minister")
ap.add_argument("--cols", type=int, default=200)
ap.add_argument("--rows", type=int, default=60)
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--bin", default=str(here.parent.parent / "target/release/liveblog"))
a = ap.parse_args()

FIGURES = [("first screen", "first_screen_ms", "ms"), ("key median", "key_ms_median", "ms"),
           ("key p95", "key_ms_p95", "ms"), ("key max", "key_ms_max", "ms"),
           ("bytes per key", "bytes_per_key", "B"), ("peak RSS", "max_rss_mb", "MB")]

def measure(cmd):
    runs = []
    for _ in range(a.runs):
        out = subprocess.run([sys.executable, str(here / "ttybench.py"), "--marker", a.marker,
                              "--cols", str(a.cols), "--rows", str(a.rows),
                              "--keys", "pgdn*30", "down*30", "--", *cmd],
                             capture_output=True, text=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        if "error" in r:
            sys.exit(f"{' '.join(cmd)}: {r['error']}")
        runs.append(r)
    return {k: statistics.median(r[k] for r in runs) for _, k, _ in FIGURES}

rows = [("less", measure(["less", a.file])), ("liveblog", measure([a.bin, a.file]))]
print(f"{a.cols}x{a.rows}, median of {a.runs} runs\n")
print("| | " + " | ".join(name for name, _, _ in FIGURES) + " |")
print("|---" * (len(FIGURES) + 1) + "|")
for name, m in rows:
    print(f"| `{name}` | " + " | ".join(f"{m[k]:g} {u}" for _, k, u in FIGURES) + " |")
less, lb = rows[0][1], rows[1][1]
print(f"\nliveblog/less: bytes per key {lb['bytes_per_key'] / less['bytes_per_key']:.2f}x, "
      f"peak RSS {lb['max_rss_mb'] / less['max_rss_mb']:.2f}x, key median "
      f"{lb['key_ms_median'] - less['key_ms_median']:+.2f} ms")
