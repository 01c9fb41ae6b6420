#!/usr/bin/env python3
"""Markdown tables of the ranking protocol from an evaluation run's summary.csv: one table per metric,
methods x support size k, mean (95% CI half-width over seeds when there is more than one seed).
usage: scripts/served-tables.py <summary.csv> [metric ...]"""
import csv, sys
from collections import OrderedDict

path = sys.argv[1]
metrics = sys.argv[2:] or ["Recall@10", "nDCG@10", "Recall@20", "coverage@10", "long-tail share@10"]
rows = list(csv.DictReader(open(path)))
ks = ["k=1", "k=3", "k=5", "k=10", "k=20"]

def cell(r):
    m, lo, hi = float(r["mean"]), r["ci95_low"], r["ci95_high"]
    if lo and hi and int(r["seeds"]) > 1 and float(hi) > float(lo):
        return "%.4f ± %.4f" % (m, (float(hi) - float(lo)) / 2)
    return "%.4f" % m

for protocol, variant in [("ranking", "strict"), ("ranking-new-items", "strict"), ("ranking-new-items", "warm-up")]:
    for metric in (metrics if protocol == "ranking" else ["new-item Recall@10", "new-item Recall@10 (full catalogue)"]):
        table = OrderedDict()
        for r in rows:
            if r["protocol"] != protocol or r["variant"] != variant or r["metric"] != metric:
                continue
            name = r["method"] + (" @" + r["steps"] if r["method"].startswith("metarec") else "")
            table.setdefault(name, {})[r["scenario"]] = cell(r)
        if not table:
            continue
        print("\n### %s — %s%s\n" % (metric, protocol, "" if protocol == "ranking" else " (" + variant + ")"))
        print("| method | " + " | ".join(ks) + " |")
        print("|---|" + "---|" * len(ks))
        for name, cells in table.items():
            print("| %s | %s |" % (name, " | ".join(cells.get(k, "") for k in ks)))
