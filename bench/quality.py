#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Plan quality by family: waves / lower bound, and cross-wave soft dependencies.

Generates estates of each shape at each size for several seeds, plans them with dcexit, and
prints a Markdown table of the mean and worst waves / lower_bound_waves per family.
"""
import argparse
import json
import re
import os
import statistics
import subprocess
import tempfile


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
                for seed in range(1, args.seeds + 1):
                    path = os.path.join(tmp, f"{shape}-{size}-{seed}.yaml")
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
                            match = re.search(r"\{app: (app-\d+), coupling: soft\}", line)
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
    print(f"\nAll families: mean waves ÷ lower bound {statistics.mean(all_ratios):.3f}, "
          f"worst {max(all_ratios):.3f}")


if __name__ == "__main__":
    main()
