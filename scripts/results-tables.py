#!/usr/bin/env python3
"""Pivot an evaluation run's summary.csv into the Markdown tables of docs/RESULTS.md.

usage: results-tables.py SUMMARY_CSV PROTOCOL VARIANT METRIC [STEPS ...]
       results-tables.py SUMMARY_CSV PROTOCOL VARIANT SCENARIO=<name> METRIC1,METRIC2,... [STEPS ...]
Rows: methods (adapting methods once per listed step count, "@s"); columns: scenarios in file order
(second form: the listed metrics of one scenario).
Cells: mean ± half-width of the 95% confidence interval, exactly as in summary.csv.
"""
import csv
import sys

path, protocol, variant, metric = sys.argv[1:5]
by_metric = metric.startswith("SCENARIO=")
if by_metric:
    scenario, metrics = metric[len("SCENARIO="):], sys.argv[5].split(",")
    steps = [int(s) for s in sys.argv[6:]] or [0, 5]
    rows = [dict(r, scenario=r["metric"]) for r in csv.DictReader(open(path))
            if r["protocol"] == protocol and r["variant"] == variant and r["scenario"] == scenario and r["metric"] in metrics]
    rows.sort(key=lambda r: metrics.index(r["metric"]))
else:
    steps = [int(s) for s in sys.argv[5:]] or [0, 5]
    rows = [r for r in csv.DictReader(open(path)) if r["protocol"] == protocol and r["variant"] == variant and r["metric"] == metric]
scenarios, methods, adapting = [], [], set()
for r in csv.DictReader(open(path)):
    if r["protocol"] == protocol and r["steps"] != "0":
        adapting.add(r["method"])
for r in sorted(rows, key=lambda r: 0):
    if r["scenario"] not in scenarios: scenarios.append(r["scenario"])
    if r["method"] not in methods: methods.append(r["method"])
cell = {(r["method"], int(r["steps"]), r["scenario"]): r for r in rows}
print("| method | " + " | ".join(scenarios) + " |")
print("|---" * (len(scenarios) + 1) + "|")
for m in methods:
    for s in (steps if m in adapting else [0]):
        if not any((m, s, sc) in cell for sc in scenarios): continue
        label = f"{m} @{s}" if m in adapting else m
        out = []
        for sc in scenarios:
            r = cell.get((m, s, sc))
            if r is None: out.append("")
            elif r["ci95_low"] == "": out.append(f"{float(r['mean']):.4f}")  # one seed: no interval
            else: out.append(f"{float(r['mean']):.4f} ± {(float(r['ci95_high']) - float(r['ci95_low'])) / 2:.4f}")
        print(f"| {label} | " + " | ".join(out) + " |")
