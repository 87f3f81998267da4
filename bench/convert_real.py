#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Converts the real graphs in ../shared/real-data into dcexit inventories for the benchmark.

govuk:  GOV.UK's estate in the Carrenza data centre (2019): the apps production-hosted there,
        the machine classes they ran on (shared servers), the data-store hosts they used
        (datastore apps they depend on) and app-to-app depends_on from govuk-docker.
debian: the Debian bookworm package graph: one app per package (virtual packages too),
        Depends/Pre-Depends as prerequisites, Recommends as soft, one server per app.
The data is theirs (provenance in ../shared/real-data/README.md); only the layout is ours.
"""
import argparse
import csv
import gzip
import os
import re
import sys


def ident(name):
    """A dcexit id from a package or app name: lower case, '+' spelt out, others to '-'."""
    text = name.lower().replace("+", "-plus")
    text = re.sub(r"[^a-z0-9._-]", "-", text)
    return text if re.match(r"[a-z0-9]", text) else "x" + text


def read_applications(path):
    """The list of mappings in govuk-developer-docs' applications.yml (simple scalars only)."""
    apps, current = [], None
    with open(path) as f:
        for line in f:
            if line.startswith("- "):
                current = {}
                apps.append(current)
                line = "  " + line[2:]
            if current is not None and line.startswith("  ") and ":" in line:
                key, _, value = line.strip().partition(":")
                current[key.strip()] = value.strip().strip('"')
    return apps


def govuk(real, out):
    base = os.path.join(real, "ukgov", "govuk")
    apps = [a for a in read_applications(os.path.join(base, "govuk_applications_2019-01-25.yml"))
            if a.get("production_hosted_on") == "carrenza" and a.get("retired") != "true"]
    puppet = {a.get("puppet_name", a["github_repo_name"]).replace("_", "-"): a for a in apps}
    names = {ident(a["github_repo_name"]) for a in apps}
    classes = {}
    with open(os.path.join(base, "govuk_carrenza_node_class_apps_2018-12-28.csv")) as f:
        for row in csv.DictReader(f):
            classes.setdefault(row["node_class"], set()).add(row["app"].replace("_", "-"))
    stores = {}
    with open(os.path.join(base, "govuk_carrenza_app_datastore_hosts_2018-12-28.csv")) as f:
        for row in csv.DictReader(f):
            host = row["host"].split(",")[0].strip()
            store = ident(re.sub(r"-\d+$", "", host.split(".")[0]))
            stores.setdefault(row["app"].replace("_", "-"), set()).add(store)
    deps = {}
    with open(os.path.join(base, "govuk_docker_depends_on_2020-06-26.csv")) as f:
        for row in csv.DictReader(f):
            if row["depends_on_project"] not in ("(infra)", row["project"]):
                deps.setdefault(ident(row["project"]), set()).add(ident(row["depends_on_project"]))
    lines = ["# GOV.UK's estate in Carrenza, 2019 (bench/convert_real.py; data: alphagov, MIT)",
             "schema: dcexit/v1",
             "estate: {name: GOV.UK Carrenza estate, start: 2019-01-07, deadline: 2020-12-31}",
             "policy: {wave: {length_days: 14, max_apps: 8, max_servers: 12}, hold_days: 30}",
             "sites: [{id: carrenza, name: Carrenza data centre, pue: 1.6}]", "servers:"]
    servers = set()
    for cls in sorted(classes):
        if classes[cls] & set(puppet):  # a class none of whose apps were still there is gone
            for i in (1, 2, 3):
                servers.add(f"{ident(cls)}-{i}")
    for store in sorted({s for v in stores.values() for s in v}):
        servers.add(f"{store}-host")
    for s in sorted(servers):
        lines.append(f"  - {{id: {s}, site: carrenza, storage_gb: 200, power_watts: 250}}")
    lines.append("applications:")
    on_class = {}
    for cls, members in classes.items():
        for app in members:
            on_class.setdefault(app, []).append(cls)
    emitted = set()
    for key in sorted(puppet):
        a = puppet[key]
        app = ident(a["github_repo_name"])
        mine = sorted(f"{ident(c)}-{i}" for c in on_class.get(key, []) for i in (1, 2, 3))
        needs = sorted((deps.get(app, set()) & names) - {app}) + sorted(stores.get(key, set()))
        lines.append(f"  - id: {app}")
        lines.append(f"    name: {a['github_repo_name']}")
        lines.append(f"    department: {ident(a.get('type', 'apps'))}")
        if mine:
            lines.append(f"    servers: [{', '.join(mine)}]")
        if needs:
            lines.append(f"    depends_on: [{', '.join(sorted(set(needs)))}]")
        emitted.add(app)
    for store in sorted({s for v in stores.values() for s in v}):
        if store not in emitted:
            lines.append(f"  - {{id: {store}, name: {store} data store, servers: [{store}-host], criticality: high}}")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def debian(real, out):
    base = os.path.join(real, "graphs", "debian")
    edges, names = {}, set()
    with gzip.open(os.path.join(base, "debian_bookworm_main_amd64_deps.csv.gz"), "rt") as f:
        for row in csv.DictReader(f):
            a, b = ident(row["package"]), ident(row["depends_on"])
            names.update((a, b))
            if a != b:
                coupling = "soft" if row["relation"] == "Recommends" else "prerequisite"
                edges.setdefault(a, {}).setdefault(b, coupling)
    with gzip.open(os.path.join(base, "debian_bookworm_main_amd64_packages.csv.gz"), "rt") as f:
        names.update(ident(row["package"]) for row in csv.DictReader(f))
    with open(out, "w") as f:
        f.write("# The Debian bookworm package graph as an estate (bench/convert_real.py)\n"
                "schema: dcexit/v1\nestate: {name: Debian bookworm packages, start: 2025-01-06}\n"
                "policy: {wave: {length_days: 7, max_apps: 2000}}\n"
                "sites: [{id: archive}]\nservers:\n")
        for n in sorted(names):
            f.write(f"  - {{id: s-{n}, site: archive}}\n")
        f.write("applications:\n")
        for n in sorted(names):
            f.write(f"  - id: {n}\n    servers: [s-{n}]\n")
            deps = edges.get(n)
            if deps:
                f.write("    depends_on: [" + ", ".join(
                    b if c == "prerequisite" else f"{{app: {b}, coupling: soft}}" for b, c in sorted(deps.items())) + "]\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("which", choices=["govuk", "debian"])
    parser.add_argument("out")
    parser.add_argument("--real", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "real-data"))
    args = parser.parse_args()
    {"govuk": govuk, "debian": debian}[args.which](args.real, args.out)


if __name__ == "__main__":
    sys.exit(main())
