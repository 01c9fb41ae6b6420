#!/usr/bin/env python3
"""Two runs of the ranking protocol compared paired over their test users: is design B better than design A?

Each run's users.csv (written by the evaluation beside summary.csv: each test user's Recall@10 and nDCG@10, averaged
over seeds) gives, per metric and k, the mean of METHOD at STEPS in A and in B over the users in both, B's relative
difference from A, and its 95% paired bootstrap interval (2,000 resamples of the users, seed 1): the same users
drawn for both, so what the users have in common cancels and the interval is that of the difference itself.
Usage: scripts/paired-compare.py A/users.csv B/users.csv [METHOD [STEPS]]   (default: "metarec served" 5)
"""
import csv
import random
import sys

a_path, b_path = sys.argv[1], sys.argv[2]
method = sys.argv[3] if len(sys.argv) > 3 else 'metarec served'
steps = sys.argv[4] if len(sys.argv) > 4 else '5'


def load(path):
    out = {}
    for r in csv.DictReader(open(path)):
        if r['protocol'] == 'ranking' and r['method'] == method and r['steps'] == steps:
            out.setdefault((r['metric'], int(r['scenario'][2:])), {})[r['user']] = float(r['value'])
    return out


a, b = load(a_path), load(b_path)
if not a or not b:
    sys.exit('no per-user values of %s @%s in %s' % (method, steps, a_path if not a else b_path))
print('%s @%s, B against A, paired over users (95%% bootstrap interval of the relative difference)' % (method, steps))
print('| metric | k | users | A | B | B/A − 1 | interval |')
print('|---|---|---|---|---|---|---|')
for key in sorted(set(a) & set(b)):
    users = sorted(set(a[key]) & set(b[key]))
    xa = [a[key][u] for u in users]
    xb = [b[key][u] for u in users]
    n = len(users)
    rng = random.Random(1)
    rel = []
    for _ in range(2000):
        idx = [rng.randrange(n) for _ in range(n)]
        sa = sum(xa[i] for i in idx)
        if sa > 0:
            rel.append(sum(xb[i] for i in idx) / sa - 1)
    rel.sort()

    def q(p):
        at = p * (len(rel) - 1)
        lo = int(at)
        hi = min(lo + 1, len(rel) - 1)
        return rel[lo] + (at - lo) * (rel[hi] - rel[lo])

    ma, mb = sum(xa) / n, sum(xb) / n
    print('| %s | %d | %d | %.4f | %.4f | %+.1f%% | [%+.1f%%, %+.1f%%] |' % (key[0], key[1], n, ma, mb, 100 * (mb / ma - 1), 100 * q(0.025), 100 * q(0.975)))
