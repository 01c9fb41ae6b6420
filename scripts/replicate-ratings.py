#!/usr/bin/env python3
"""A larger MovieLens CSV directory for trying ./metarec's start-up at scale: ratings.csv with every user of SRC
repeated N times (user ids offset by 1000 per copy, timestamps by one second), movies.csv copied as it is.
Usage: scripts/replicate-ratings.py SRC_DIR OUT_DIR N   (e.g. ml-latest-small /tmp/ml-big 25: 2,520,900 ratings)
"""
import shutil
import sys
from pathlib import Path

src, out, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
shutil.copyfile(src / 'movies.csv', out / 'movies.csv')
lines = (src / 'ratings.csv').read_text(encoding='utf-8').splitlines()
with open(out / 'ratings.csv', 'w', encoding='utf-8') as f:
    f.write(lines[0] + '\n')
    for r in range(n):
        for line in lines[1:]:
            user, movie, rating, t = line.split(',')
            f.write('%d,%s,%s,%d\n' % (int(user) + r * 1000, movie, rating, int(t) + r))
