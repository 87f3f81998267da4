#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Plan quality by family: waves / lower bound, and cross-wave soft dependencies.

Generates estates of each shape at each size for several seeds, plans them with dcexit, and
prints a Markdown table of the mean and worst waves / lower_bound_waves per family.
Shape `council` takes its estates from bench/exact.py's council() (20-70 apps each, whatever
--sizes says) and adds the same ratio with list scheduling alone (`--optimise 0`).
"""
import argparse
import json
import re
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exact import council  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", default="build/release")
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--shapes", default="mixed,chain,hub,cycle,shared")
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    gen = os.path.join(args.build, "bench", "dcexit_gen_estate")
    dcexit = os.path.join(args.build, "app", "dcexit")
    print("| shape | apps | estates | waves (mean) | lower bound (mean) | waves ÷ bound mean | worst | soft deps across waves |")
    print("|---|---|---|---|---|---|---|---|")
    all_ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            for size in [int(s) for s in args.sizes.split(",")]:
                ratios, waves, bounds, crossing, soft_total = [], [], [], 0, 0
                list_ratios = []
                for seed in range(1, args.seeds + 1):
                    path = os.path.join(tmp, f"{shape}-{size}-{seed}.yaml")
                    if shape == "council":
                        with open(path, "w") as out:
                            out.write(council(seed, 20 + (seed * 7) % 51))
                        listed = os.path.join(tmp, f"list-{shape}-{size}-{seed}")
                        subprocess.run([dcexit, "plan", "-q", path, "--out", listed, "--optimise", "0"],
                                       check=True)
                        with open(os.path.join(listed, "plan.json")) as f:
                            list_summary = json.load(f)["summary"]
                        list_ratios.append(list_summary["waves"] / max(1, list_summary["lower_bound_waves"]))
                    else:
                        with open(path, "wb") as out:
                            subprocess.run([gen, "--apps", str(size), "--shape", shape, "--seed", str(seed)],
                                           stdout=out, check=True)
                    out_dir = os.path.join(tmp, f"plan-{shape}-{size}-{seed}")
                    subprocess.run([dcexit, "plan", "-q", path, "--out", out_dir], check=True)
                    with open(os.path.join(out_dir, "plan.json")) as f:
                        plan = json.load(f)
                    summary = plan["summary"]
                    wave = {a["id"]: a["wave"] for a in plan["applications"]}
                    current = None
                    with open(path) as f:
                        for line in f:
                            if line.startswith("  - id: "):
                                current = line.split(": ")[1].strip()
                            match = re.search(r"\{app: ((?:app-)?\w+), coupling: soft\}", line)
                            if match and current:
                                soft_total += 1
                                a, b = wave.get(current), wave.get(match.group(1))
                                if a is not None and b is not None and a != b:
                                    crossing += 1
                    waves.append(summary["waves"])
                    bounds.append(summary["lower_bound_waves"])
                    ratios.append(summary["waves"] / max(1, summary["lower_bound_waves"]))
                all_ratios += ratios
                print(f"| {shape} | {size:,} | {len(ratios)} | {statistics.mean(waves):.1f} | "
                      f"{statistics.mean(bounds):.1f} | {statistics.mean(ratios):.3f} | {max(ratios):.3f} | "
                      f"{crossing} of {soft_total} ({100 * crossing / max(1, soft_total):.0f}%) |",
                      flush=True)
                if list_ratios:
                    print(f"| {shape}, list scheduling alone | | {len(list_ratios)} | | | "
                          f"{statistics.mean(list_ratios):.3f} | {max(list_ratios):.3f} | |", flush=True)
    print(f"\nAll families: mean waves ÷ lower bound {statistics.mean(all_ratios):.3f}, "
          f"worst {max(all_ratios):.3f}")


if __name__ == "__main__":
    main()
