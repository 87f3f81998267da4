#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""How far dcexit's plans are from optimal on small estates, by an independent solver.

For each seed it generates an estate of at most 60 apps (strategies fixed by decisions, so the
model's scoring plays no part), plans it with dcexit, then states the same problem as a
MathProg model — a binary wave for each move group, every order constraint of the contract,
each capacity limit, freezes and the pilot — and has GLPK's glpsol find the fewest waves.
Prints how often dcexit is optimal and within one wave of the optimum.

`--family council` instead plans council-like estates (20-70 apps; see council()) with list
scheduling alone and with the default optimiser budget, and reports both against dcexit's proof.
"""
import argparse
import json
import os
import random
import subprocess
import tempfile

STRATEGIES = ["rehost", "rehost", "replatform", "repurchase", "relocate", "retire", "refactor"]


def estate(seed, n):
    """An inventory (YAML text) and its facts: apps, servers, dependencies, policy."""
    rng = random.Random(seed)
    limits = {"max_apps": rng.randint(3, 7), "max_servers": rng.randint(3, 8)}
    apps, deps = [], []
    for a in range(n):
        strategy = rng.choice(STRATEGIES)
        servers = [f"s{a:02d}"]
        if rng.random() < 0.15 and a > 0:
            servers.append(f"s{rng.randrange(a):02d}")  # a shared server
        apps.append({"id": f"a{a:02d}", "strategy": strategy, "servers": servers,
                     "crit": rng.choice(["low", "medium", "high"]), "tags": ["fin"] if rng.random() < 0.2 else []})
        for _ in range(rng.randint(0, 2)):
            if a > 0:
                b = rng.randrange(a)
                deps.append((a, b, rng.choice(["prerequisite", "prerequisite", "prerequisite", "hard", "soft"])))
    deps = list({(a, b): c for a, b, c in deps}.items())
    text = [f"schema: dcexit/v1", f"estate: {{name: exact {seed}, start: 2025-01-06}}",
            f"policy:", f"  wave: {{length_days: 14, max_apps: {limits['max_apps']}, max_servers: {limits['max_servers']}}}",
            f"  pilot: {{max_criticality: low}}",
            f"  freezes: [{{name: year end, from: 2025-03-03, to: 2025-03-30, tags: [fin]}}]",
            f"sites: [{{id: dc}}]", "servers:"]
    text += [f"  - {{id: s{i:02d}, site: dc}}" for i in range(n)]
    text.append("applications:")
    for i, app in enumerate(apps):
        mine = [f"{{app: a{b:02d}, coupling: {c}}}" for (a, b), c in deps if a == i]
        text.append(f"  - {{id: {app['id']}, criticality: {app['crit']}, tags: [{', '.join(app['tags'])}], "
                    f"servers: [{', '.join(app['servers'])}], decision: {{strategy: {app['strategy']}}}"
                    + (f", depends_on: [{', '.join(mine)}]" if mine else "") + "}")
    return "\n".join(text) + "\n"


def council(seed, n):
    """A council-like estate of n apps (20-70): departments and tags that selective freezes pick,
    a blanket Christmas freeze, a pilot, shared database servers, hub services, a cycle, tight
    capacity. Returns YAML text."""
    rng = random.Random(seed)
    depts = [("Revenues", ["revenues"]), ("Finance", ["finance"]), ("Elections", ["elections"]),
             ("Adult social care", []), ("Children's services", []), ("Housing", []),
             ("Environment", []), ("ICT", [])]
    out = ["schema: dcexit/v1",
           f"estate: {{name: Council {seed}, start: 2020-11-02, deadline: 2021-11-01}}",
           "policy:",
           f"  wave: {{length_days: 14, max_apps: {rng.randint(3, 5)}, max_servers: {rng.randint(5, 9)}, "
           f"max_critical: {rng.randint(1, 2)}}}",
           "  hold_days: 30",
           "  pilot: {max_criticality: medium, strategies: [rehost]}",
           "  hypercare_days: 14",
           "  lead_days: {repurchase: 90}",
           "  freezes:",
           "    - {name: Christmas, from: 2020-12-18, to: 2021-01-04}",
           "    - {name: Annual billing, from: 2021-02-15, to: 2021-03-31, tags: [revenues]}",
           "    - {name: Year end, from: 2021-03-22, to: 2021-04-16, tags: [finance]}",
           "    - {name: Elections, from: 2021-04-12, to: 2021-05-14, tags: [elections]}",
           "sites: [{id: civic-dc, closing: true}]", "servers:"]
    dbs = [f"sql-{i}" for i in range(rng.randint(2, 4))]
    for d in dbs:
        out.append(f"  - {{id: {d}, site: civic-dc, kind: virtual, os: {{family: windows, name: Windows Server, version: '2012 R2'}}}}")
    for a in range(n):
        out.append(f"  - {{id: s{a:02d}, site: civic-dc}}")
    out.append("applications:")
    hubs = ["identity", "integration"]
    out.append("  - {id: identity, name: Active Directory, department: ICT, criticality: critical, "
               "servers: [s00], decision: {strategy: rehost}}")
    out.append("  - {id: integration, name: Integration hub, department: ICT, criticality: high, "
               "servers: [s01], depends_on: [identity], decision: {strategy: replatform}}")
    strategies = ["rehost"] * 5 + ["replatform", "repurchase", "repurchase", "retire", "relocate"]
    ring = set(range(5, 8))  # apps 5, 6, 7: a cycle of prerequisites, one move group
    for a in range(2, n):
        dept, tags = depts[rng.randrange(len(depts))]
        crit = rng.choice(["low", "low", "medium", "medium", "high", "critical"])
        servers = [f"s{a:02d}"]
        if rng.random() < 0.5:
            servers.append(rng.choice(dbs))  # a shared database server
        deps = []
        if rng.random() < 0.7:
            deps.append("identity")
        if rng.random() < 0.3:
            deps.append("integration")
        if a in ring:
            deps.append(f"app{(a - 5 + 1) % 3 + 5:02d}")
        elif a > 8 and rng.random() < 0.3:
            deps.append(f"app{rng.randrange(8, a):02d}")
        strategy = rng.choice(strategies)
        fields = [f"id: app{a:02d}", f"name: Application {a}", f"department: {dept}",
                  f"criticality: {crit}", f"servers: [{', '.join(servers)}]",
                  f"decision: {{strategy: {strategy}}}"]
        if tags:
            fields.append(f"tags: [{', '.join(tags)}]")
        if deps:
            fields.append(f"depends_on: [{', '.join(sorted(set(deps)))}]")
        out.append("  - {" + ", ".join(fields) + "}")
    return "\n".join(out) + "\n"

def council_family(args):
    """dcexit on council-like estates, list scheduling alone (--optimise 0) and with the default
    budget: waves before and after, dcexit's bound, and the share proven optimal."""
    dcexit = os.path.join(args.build, "app", "dcexit")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, args.seeds + 1):
            n = 20 + (seed * 7) % 51
            path = os.path.join(tmp, f"c{seed}.yaml")
            with open(path, "w") as f:
                f.write(council(seed, n))
            result = {}
            for label, budget in (("before", "0"), ("after", None)):
                out = os.path.join(tmp, f"p{seed}-{label}")
                command = [dcexit, "plan", "-q", path, "--out", out]
                if budget is not None:
                    command += ["--optimise", budget]
                subprocess.run(command, check=True)
                with open(os.path.join(out, "plan.json")) as f:
                    result[label] = json.load(f)["summary"]["optimality"]
            before, after = result["before"], result["after"]
            local = after["local_search_waves"] or before["waves"]
            rows.append((seed, n, before["waves"], after["waves"], after["bound"], after["status"], local))
            print(f"seed {seed:3}: {n:2} apps, {before['waves']} waves before, {local} after local search, "
                  f"{after['waves']} after, "
                  f"bound {after['bound']}, {after['status']} ({after['nodes']} of {after['budget_nodes']} nodes)",
                  flush=True)
    proven = [r for r in rows if r[5] == "optimal"]
    print(f"\n{len(rows)} council estates: {len(proven)} proven optimal with the default budget; "
          f"waves before {sum(r[2] for r in rows)}, after {sum(r[3] for r in rows)}; "
          f"improved {sum(1 for r in rows if r[3] < r[2])}, worse {sum(1 for r in rows if r[3] > r[2])}; "
          f"local search alone: {sum(r[6] for r in rows)} waves, improved {sum(1 for r in rows if r[6] < r[2])}")
    if proven:
        print(f"on the proven: waves ÷ optimum before {sum(r[2] / r[3] for r in proven) / len(proven):.3f} "
              f"(worst {max(r[2] / r[3] for r in proven):.3f}), after 1.000")
    print(f"waves ÷ bound: before {sum(r[2] / max(1, r[4]) for r in rows) / len(rows):.3f}, "
          f"after {sum(r[3] / max(1, r[4]) for r in rows) / len(rows):.3f}")


def model(plan, inventory_text):
    """The MathProg model of the plan's own problem, from plan.json and the generated estate."""
    apps = {a["id"]: a for a in plan["applications"]}
    movers = [a for a in apps if apps[a]["strategy"] != "retain"]
    group_of = {a: a for a in movers}
    for g in plan["move_groups"]:
        for a in g["apps"]:
            group_of[a] = g["id"]
    groups = sorted(set(group_of.values()))
    # Dependencies and servers, read back from the estate we wrote.
    deps, servers = [], {}
    for line in inventory_text.splitlines():
        if line.startswith("  - {id: a"):
            a = line.split("id: ")[1].split(",")[0]
            servers[a] = line.split("servers: [")[1].split("]")[0].split(", ")
            if "depends_on" in line:
                for part in line.split("depends_on: [")[1].split("{app: ")[1:]:
                    b, c = part.split(", coupling: ")
                    deps.append((a, b, c.split("}")[0]))
    order = set()
    for a, b, c in deps:  # the contract's invariants 2 and 4
        sa, sb = apps[a]["strategy"], apps[b]["strategy"]
        if "retain" in (sa, sb):
            continue
        if sb == "retire":
            order.add((group_of[a], group_of[b]))
        elif sa != "retire" and c == "prerequisite":
            order.add((group_of[b], group_of[a]))
    order = {(p, q) for p, q in order if p != q}
    moving = {}
    for a in movers:
        for s in servers[a]:
            moving.setdefault(s, set()).add(a)
    used_apps = {g: 0 for g in groups}
    used_servers = {g: 0 for g in groups}
    for a in movers:
        used_apps[group_of[a]] += 1
    for s, on in moving.items():
        if any(apps[a]["strategy"] in ("rehost", "relocate") for a in on):
            used_servers[group_of[sorted(on)[0]]] += 1
    policy = inventory_text.split("wave: {")[1].split("}")[0]
    limit_apps = int(policy.split("max_apps: ")[1].split(",")[0])
    limit_servers = int(policy.split("max_servers: ")[1].split(",")[0].split("}")[0])
    if any(used_apps[g] > limit_apps or used_servers[g] > limit_servers for g in groups):
        return None  # an oversized group: the plan's rule differs from a plain capacity limit
    waves = plan["summary"]["waves"]
    frozen, pilot_blocked = set(), set()
    tagged = {a for a in movers if "tags: [fin]" in next(l for l in inventory_text.splitlines() if f"id: {a}," in l)}
    crit = {a: next(l for l in inventory_text.splitlines() if f"id: {a}," in l).split("criticality: ")[1].split(",")[0] for a in movers}
    for g in groups:
        members = [a for a in movers if group_of[a] == g]
        for k in range(1, waves + 1):
            start, end = (k - 1) * 14, k * 14 - 1  # days from 2025-01-06; the freeze is days 56..83
            if any(a in tagged for a in members) and start <= 83 and 56 <= end:
                frozen.add((g, k))
        if any(crit[a] != "low" for a in members) and any(c == "low" for c in crit.values()):
            pilot_blocked.add(g)
    lines = ["set G; set K := 1.." + str(waves) + ";", "set O within G cross G;",
             "param apps{G}; param srv{G};", "var x{G, K} binary; var W >= 0;",
             "minimize waves: W;",
             "s.t. one{g in G}: sum{k in K} x[g,k] = 1;",
             "s.t. last{g in G}: W >= sum{k in K} k * x[g,k];",
             "s.t. order{(p,q) in O}: sum{k in K} k * x[p,k] <= sum{k in K} k * x[q,k];",
             f"s.t. cap_apps{{k in K}}: sum{{g in G}} apps[g] * x[g,k] <= {limit_apps};",
             f"s.t. cap_srv{{k in K}}: sum{{g in G}} srv[g] * x[g,k] <= {limit_servers};"]
    for g, k in sorted(frozen):
        lines.append(f"s.t. freeze_{len(lines)}: x['{g}',{k}] = 0;")
    for g in sorted(pilot_blocked):
        lines.append(f"s.t. pilot_{len(lines)}: x['{g}',1] = 0;")
    lines.append("solve;")
    lines.append('printf "OPTIMUM %d\\n", W;')
    lines.append("data;")
    lines.append("set G := " + " ".join(f"'{g}'" for g in groups) + ";")
    lines.append("set O := " + " ".join(f"('{p}','{q}')" for p, q in sorted(order)) + ";")
    lines.append("param apps := " + " ".join(f"'{g}' {used_apps[g]}" for g in groups) + ";")
    lines.append("param srv := " + " ".join(f"'{g}' {used_servers[g]}" for g in groups) + ";")
    lines.append("end;")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", default="build/release")
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("--max-apps", type=int, default=60)
    parser.add_argument("--time-limit", type=int, default=20, help="seconds glpsol may spend on one estate")
    parser.add_argument("--family", choices=["random", "council"], default="random",
                        help="random: against glpsol (below); council: dcexit before and after its optimiser")
    args = parser.parse_args()
    if args.family == "council":
        council_family(args)
        return
    dcexit = os.path.join(args.build, "app", "dcexit")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, args.seeds + 1):
            n = 10 + (seed * 7) % (args.max_apps - 9)
            text = estate(seed, n)
            path = os.path.join(tmp, f"e{seed}.yaml")
            with open(path, "w") as f:
                f.write(text)
            out = os.path.join(tmp, f"p{seed}")
            subprocess.run([dcexit, "plan", "-q", path, "--out", out], check=True)
            with open(os.path.join(out, "plan.json")) as f:
                plan = json.load(f)
            mod = model(plan, text)
            if mod is None:
                continue
            mod_path = os.path.join(tmp, f"m{seed}.mod")
            with open(mod_path, "w") as f:
                f.write(mod)
            solved = subprocess.run(["glpsol", "--math", mod_path, "--tmlim", str(args.time_limit)],
                                    capture_output=True, text=True)
            optimum = [l for l in solved.stdout.splitlines() if l.startswith("OPTIMUM")]
            proven = "INTEGER OPTIMAL SOLUTION FOUND" in solved.stdout
            if not optimum:
                print(f"seed {seed}: glpsol found no solution", flush=True)
                continue
            best = int(optimum[0].split()[1])
            ours = plan["summary"]["waves"]
            bound = plan["summary"]["lower_bound_waves"]
            proven = proven or best == bound  # glpsol proved it, or dcexit's lower bound does
            results.append((seed, n, ours, best, proven))
            note = "" if proven else " (glpsol's best in its time limit, not proven)"
            print(f"seed {seed:3}: {n:2} apps, dcexit {ours} waves, optimum {best}, dcexit's bound {bound}{note}", flush=True)
    skipped = args.seeds - len(results)
    proven = sum(1 for r in results if r[4])
    print(f"\n{skipped} of {args.seeds} estates skipped (an oversized move group); optimum proven for {proven} of {len(results)}")
    equal = sum(1 for r in results if r[2] == r[3])
    within = sum(1 for r in results if r[2] <= r[3] + 1)
    print(f"\n{len(results)} estates: dcexit optimal in {equal} ({100 * equal / len(results):.0f}%), "
          f"within one wave in {within} ({100 * within / len(results):.0f}%), "
          f"worst gap {max(r[2] - r[3] for r in results)} waves")


if __name__ == "__main__":
    main()
