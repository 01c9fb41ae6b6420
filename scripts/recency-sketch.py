#!/usr/bin/env python3
"""Popularity alone, counted by age or not, on the training period of a MovieLens data set (no real test user read).

How the popularity prior's half-life and weight were picked (docs/RESULTS.md, designs tried): the data set is cut to
its training-period users (the earliest 80% by first event), their latest 20% are the test users (as
`--protocol ranking-validation` does), each test user is seen after their first k events and judged on the positives
(rated >= 4) among their events 21-70 (the events after the support when they have 20 or fewer), every item but the
support a candidate, Recall@10 = hits / min(10, positives). The list is the training users' likes per item:
  all-time:   log(1 + likes)
  mix H w:    log(1 + likes) + w log(1 + likes each counted 2^(-age / H)), age at the training users' latest event
and, last, the served mix (H = 3 years, w = 2) with every interaction counted by age added at weight 1, 2 or 4 (a
trial, not adopted: docs/RESULTS.md, designs tried).
Usage: scripts/recency-sketch.py ml-100k|ml-latest-small DATA_DIR
"""
import collections
import math
import os
import sys

ds, data = sys.argv[1], sys.argv[2]
ev = collections.defaultdict(list)
if ds == 'ml-100k':
    for line in open(os.path.join(data, 'u.data')):
        u, i, r, t = line.split('\t')
        ev[u].append((int(t), i, float(r)))
else:
    f = open(os.path.join(data, 'ratings.csv'))
    next(f)
    for line in f:
        u, i, r, t = line.strip().split(',')
        ev[u].append((int(t), i, float(r)))
for u in ev:
    ev[u].sort()
users = sorted(ev, key=lambda u: (ev[u][0][0], u))
period = users[:int(len(users) * 0.8)]
train, test = period[:int(len(period) * 0.8)], period[int(len(period) * 0.8):]
latest = max(t for u in train for (t, _, _) in ev[u])


def likes(half_life_days):
    c = collections.Counter()
    for u in train:
        for (t, i, r) in ev[u]:
            if r >= 4:
                c[i] += 1.0 if half_life_days is None else 0.5 ** ((latest - t) / 86400 / half_life_days)
    return c


def recall(score):
    order = [i for i, _ in sorted(score.items(), key=lambda x: -x[1])]
    out = []
    for k in (1, 3, 5, 10, 20):
        total, n = 0.0, 0
        for u in test:
            e = ev[u]
            if len(e) <= k:
                continue
            support = set(i for (_, i, _) in e[:k])
            start = max(k, 20) if len(e) > 20 else k
            positives = set(i for (_, i, r) in e[start:start + 50] if r >= 4 and i not in support)
            if not positives:
                continue
            top = [i for i in order if i not in support][:10]
            total += len(positives.intersection(top)) / min(10, len(positives))
            n += 1
        out.append(total / n)
    return ' '.join('%.3f' % x for x in out) + '  mean %.4f' % (sum(out) / len(out))


print('%s: %d training users, %d test users (training period)' % (ds, len(train), len(test)))
all_time = likes(None)
print('all-time          ', recall(all_time))
for years in (4, 3, 2, 1):
    recent = likes(365.25 * years)
    print('decayed only H=%dy' % years, recall(recent))
    for w in (1, 2, 4):
        print('  mix H=%dy w=%d   ' % (years, w), recall({i: math.log1p(all_time[i]) + w * math.log1p(recent[i]) for i in all_time}))


def interactions(half_life_days):
    c = collections.Counter()
    for u in train:
        for (t, i, r) in ev[u]:
            c[i] += 0.5 ** ((latest - t) / 86400 / half_life_days)
    return c


recent3, seen3 = likes(365.25 * 3), interactions(365.25 * 3)
print('served mix H=3y w=2                 ', recall({i: math.log1p(all_time[i]) + 2 * math.log1p(recent3[i]) for i in all_time}))
for w in (1, 2, 4):
    print('  + %d log(1 + aged interactions)     ' % w,
          recall({i: math.log1p(all_time[i]) + 2 * math.log1p(recent3[i]) + w * math.log1p(seen3[i]) for i in seen3}))
