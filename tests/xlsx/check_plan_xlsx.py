#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""plan.xlsx read by a real reader (Debian's python3-openpyxl): its sheets, headers, frozen rows,
filters, dates and values against plan.json; the same bytes from two runs; formula-looking text
kept as text. Usage: check_plan_xlsx.py DCEXIT SOURCE_DIR WORK_DIR"""
import datetime
import json
import os
import shutil
import subprocess
import sys

import openpyxl

DCEXIT, SOURCE, WORK = sys.argv[1:4]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def plan(inventory, out, *extra):
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run([DCEXIT, "plan", inventory, "--out", out, "-q", *extra], cwd=SOURCE,
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"dcexit plan {inventory} failed ({run.returncode}): {run.stderr}")


def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


HEADERS = {
    "Summary": ["item", "value"],
    "Waves": ["wave", "start", "end", "cutovers", "rehearsals", "applications", "effort_days",
              "servers_moved", "oversized"],
    "Applications": ["app", "name", "owner", "department", "criticality", "strategy", "source",
                     "confidence", "effort_days", "wave", "start", "end", "depends_on", "servers",
                     "dr_tier"],
    "Servers": ["server", "site", "rack", "os", "moves", "decommission_date", "last_app",
                "last_wave", "blocker", "blocking_apps", "kept_for"],
    "Sites": ["site", "name", "exit", "blockers"],
    "Connectivity": ["app", "depends_on", "coupling", "direction", "from", "to", "days",
                     "opens_after_wave", "closes_with_wave", "max_split_days",
                     "served_on_premises"],
    "Cost": ["month", "on_premises", "cloud", "dual_running", "one_off", "net", "cumulative",
             "kwh_on_premises", "kwh_cloud", "tco2e"],
}


def day(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d")


# 1. Harrow with its business case, twice: the same bytes.
a, b = os.path.join(WORK, "a"), os.path.join(WORK, "b")
for out in (a, b):
    plan("inventories/harrow.yaml", out, "--prices", "inventories/prices/azure-uksouth.json")
with open(os.path.join(a, "plan.xlsx"), "rb") as fa, open(os.path.join(b, "plan.xlsx"), "rb") as fb:
    check(fa.read() == fb.read(), "plan.xlsx differs between two runs of the same plan")

book = openpyxl.load_workbook(os.path.join(a, "plan.xlsx"))
with open(os.path.join(a, "plan.json"), encoding="utf-8") as f:
    pj = json.load(f)
check(book.sheetnames == list(HEADERS), f"sheets {book.sheetnames}")
for name, header in HEADERS.items():
    if name not in book.sheetnames:
        continue
    ws = book[name]
    check(rows(ws)[0] == header, f"{name} header {rows(ws)[0]}")
    check(ws.freeze_panes == "A2", f"{name} frozen at {ws.freeze_panes}")
    check(ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}{ws.max_row}",
          f"{name} filter {ws.auto_filter.ref}")
    check(ws.column_dimensions["A"].width >= 8, f"{name} column A width")

summary = {r[0]: r[1] for r in rows(book["Summary"])[1:]}
check(summary["applications"] == len(pj["applications"]), "summary applications")
check(summary["waves"] == len(pj["waves"]), "summary waves")
check(summary["exit"] == day(pj["summary"]["exit_date"]), f"summary exit {summary['exit']}")
check(summary["deadline met"] is True, "summary deadline met")
check(summary["effort, person-days (likely)"] == pj["summary"]["effort_days"], "summary effort")
for strategy, count in pj["summary"]["strategies"].items():
    check(summary[f"strategy {strategy}"] == count, f"summary strategy {strategy}")
check(summary["start"] == datetime.datetime(2020, 11, 2), "summary start")
check(summary["annual saving (GBP)"] > 0, "summary annual saving")

apps = {r[0]: r for r in rows(book["Applications"])[1:]}
check(len(apps) == len(pj["applications"]), "one row per application")
waves = {w["number"]: w for w in pj["waves"]}
for entry in pj["applications"]:
    row = apps.get(entry["id"])
    if row is None:
        failures.append(f"no row for {entry['id']}")
        continue
    check(row[5] == entry["strategy"], f"{entry['id']} strategy {row[5]}")
    check(row[9] == entry["wave"], f"{entry['id']} wave {row[9]} != {entry['wave']}")
    if entry["wave"] is not None:
        check(row[10] == day(waves[entry["wave"]]["start"]), f"{entry['id']} start {row[10]}")
        check(row[11] == day(waves[entry["wave"]]["end"]), f"{entry['id']} end {row[11]}")
ad = apps["active-directory"]
check(ad[1:5] == ["Active Directory and DNS", "Infrastructure Manager", "ICT", "critical"],
      f"active-directory {ad[1:5]}")
check(ad[13] == "cc-dc01;cc-dc02", f"active-directory servers {ad[13]}")
cell = book["Applications"]["K2"]
check(cell.is_date and cell.number_format == "yyyy-mm-dd", f"K2 {cell.number_format}")
check(len(rows(book["Waves"])) - 1 == len(pj["waves"]), "one row per wave")
for row in rows(book["Waves"])[1:]:
    wave = waves[row[0]]
    check(row[1] == day(wave["start"]) and row[2] == day(wave["end"]), f"wave {row[0]} dates")
    check(row[6] == round(wave["effort_days"], 1), f"wave {row[0]} effort {row[6]}")
    check(row[7] == len(wave["servers_moved"]), f"wave {row[0]} servers moved {row[7]}")
check(len(rows(book["Cost"])) > 12, "cost months")

# 2. Formula-looking text stays text, in the Text format.
estate = os.path.join(WORK, "formula.yaml")
with open(estate, "w", encoding="utf-8") as f:
    f.write("""schema: dcexit/v1
estate: {name: "=HYPERLINK(\\"http://x\\")", start: 2025-01-06}
sites: [{id: dc1, name: "+cmd"}]
servers: [{id: s1, site: dc1, rack: "-2+3"}]
applications:
  - {id: a1, name: "=cmd|' /C calc'!A0", owner: "@SUM(1)", department: "-1", servers: [s1]}
""")
plan(estate, os.path.join(WORK, "formula"))
book = openpyxl.load_workbook(os.path.join(WORK, "formula", "plan.xlsx"))
app = book["Applications"]
for ref, text in (("B2", "=cmd|' /C calc'!A0"), ("C2", "@SUM(1)"), ("D2", "-1")):
    check(app[ref].value == text and app[ref].data_type == "s" and app[ref].number_format == "@",
          f"{ref} {app[ref].value!r} {app[ref].data_type} {app[ref].number_format}")
check(book["Summary"]["B2"].value == '=HYPERLINK("http://x")' and
      book["Summary"]["B2"].data_type == "s", "estate name")
check(book["Servers"]["C2"].value == "-2+3", "rack")

# 3. Characters XML forbids (U+FFFE, U+FFFF, controls) and literal _xHHHH_ text, in any field:
# the workbook stays well-formed (openpyxl refuses one that is not) and keeps Excel's escapes,
# which Excel turns back into what the user wrote.
estate = os.path.join(WORK, "odd.yaml")
with open(estate, "w", encoding="utf-8") as f:
    f.write("""schema: dcexit/v1
estate: {name: "Odd \\ufffe estate", start: 2025-01-06}
sites: [{id: dc1, annual_cost: 1000}]
applications:
  - {id: app1, name: "Pay _x0041_ roll \\ufffe and \\uffff", owner: "Ann \\uFFFF", department: "_X00e9_"}
  - {id: app2, name: "tab\\there and bell \\a"}
""")
plan(estate, os.path.join(WORK, "odd"))
book = openpyxl.load_workbook(os.path.join(WORK, "odd", "plan.xlsx"))
app = book["Applications"]
for ref, text in (("B2", "Pay _x005F_x0041_ roll _xFFFE_ and _xFFFF_"), ("C2", "Ann _xFFFF_"),
                  ("D2", "_x005F_X00e9_"), ("B3", "tab\there and bell _x0007_")):
    check(app[ref].value == text, f"{ref} {app[ref].value!r}, expected {text!r}")
check(book.properties.title == "dcexit plan: Odd \ufffd estate", f"title {book.properties.title!r}")

if failures:
    print("plan.xlsx: " + "\n".join(failures))
    sys.exit(1)
print("plan.xlsx: sheets, headers, values, dates, filters and bytes as expected")
