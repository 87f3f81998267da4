#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Times dcexit against yaml-cpp's bare event parse of the same files, in the same run.

For each generated estate it runs the bare parse and each dcexit command alternately, --runs
times, and reports medians of wall time and peak memory (ru_maxrss) with the ratio to the bare
parse, which is the figure that travels between machines. Prints a Markdown table.
"""
import argparse
import math
import os
import statistics
import subprocess
import sys
import time


def measure(argv):
    """Runs argv with output discarded; returns (wall seconds, peak RSS in MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited with {code}")
    return wall, usage.ru_maxrss / 1024.0


def generate(build, out_dir, apps, shape):
    """A generated estate; the shape "mixed-missed" is "mixed" with a deadline it misses."""
    path = os.path.join(out_dir, f"estate-{shape}-{apps}.yaml")
    base, missed = shape.removesuffix("-missed"), shape.endswith("-missed")
    if not os.path.exists(path):
        with open(path + ".tmp", "wb") as out:
            subprocess.run([os.path.join(build, "bench", "dcexit_gen_estate"), "--apps", str(apps),
                            "--shape", base] + (["--deadline", "2025-06-30"] if missed else []),
                           stdout=out, check=True)
        os.replace(path + ".tmp", path)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", default="build/release")
    parser.add_argument("--out", default="bench/out")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--shapes", default="mixed")
    parser.add_argument("--commands", default="validate")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--missed-sizes", default="",
                        help="sizes also planned with a deadline they miss (the advice re-plans)")
    parser.add_argument("--files", default="", help="extra estates (comma-separated YAML files), e.g. from convert_real.py")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    dcexit = os.path.join(args.build, "app", "dcexit")
    bare = os.path.join(args.build, "bench", "dcexit_bare_parse")
    commands = args.commands.split(",")

    print("| shape | apps | servers | file MB | bare parse s | bare MB | "
          + " | ".join(f"{c} s | {c} ÷ parse | {c} MB" for c in commands) + " |")
    print("|---" * (6 + 3 * len(commands)) + "|")
    times = {}
    cases = [(shape, apps, None) for shape in args.shapes.split(",") if shape
             for apps in [int(n) for n in args.sizes.split(",") if n]]
    cases += [("mixed-missed", int(n), None) for n in args.missed_sizes.split(",") if n]
    cases += [(os.path.basename(f), 0, f) for f in args.files.split(",") if f]
    for shape, apps, given in cases:
            path = given or generate(args.build, args.out, apps, shape)
            if given:
                with open(path) as f:
                    text = f.read()
                apps = text.count("\n  - id: ") + text.count("\n  - {id: a")
                apps = sum(1 for line in text.splitlines() if line.startswith("  - id:")) or apps
            samples = {"bare": []}
            samples.update({c: [] for c in commands})
            for _ in range(args.runs):
                samples["bare"].append(measure([bare, path]))
                for c in commands:
                    argv = [dcexit, c, path]
                    if c == "plan":
                        argv += ["--out", os.path.join(args.out, f"plan-{shape}-{apps}")]
                    samples[c].append(measure(argv))
            med = {k: (statistics.median(w for w, _ in v), max(m for _, m in v))
                   for k, v in samples.items()}
            times[(shape, apps)] = med
            row = [shape, f"{apps:,}", "—" if given else f"{apps * 3:,}", f"{os.path.getsize(path) / 1e6:.1f}",
                   f"{med['bare'][0]:.2f}", f"{med['bare'][1]:.0f}"]
            for c in commands:
                row += [f"{med[c][0]:.2f}", f"{med[c][0] / med['bare'][0]:.2f}", f"{med[c][1]:.0f}"]
            print("| " + " | ".join(row) + " |", flush=True)
    for shape in args.shapes.split(",") + (["mixed-missed"] if args.missed_sizes else []):
        small, large = times.get((shape, 10000)), times.get((shape, 100000))
        if small and large:
            for c in commands:
                exponent = math.log(large[c][0] / small[c][0]) / math.log(10)
                print(f"\n{shape}: {c} time grows as n^{exponent:.2f} from 10k to 100k apps")


if __name__ == "__main__":
    main()
