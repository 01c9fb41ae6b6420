#!/usr/bin/env python3
"""A MovieLens-1M-size directory in the 1M format (ratings.dat, movies.dat, users.dat), made from MovieLens 100K, for
measuring how long the evaluation and ./metarec take at that scale on data that may not be redistributed.
Every user of SRC is repeated N times (user id + 943 per copy, timestamps + one second per copy); odd copies rate a
second copy of every film (film id + 1682, title marked "(copy)"), so N = 11 gives 10,373 users, 3,364 films and
1,100,000 ratings (MovieLens 1M: 6,040 users, 3,706 films, 1,000,209 ratings). The copies are twins of real users:
accuracy measured on this directory means nothing; only time and memory do.
Usage: scripts/ml1m-size.py ML_100K_DIR OUT_DIR N
"""
import sys
from pathlib import Path

src, out, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
USERS, FILMS = 943, 1682
genres = [l.split('|')[0] for l in (src / 'u.genre').read_text(encoding='latin-1').splitlines() if l.strip()]
occupations = [l.strip() for l in (src / 'u.occupation').read_text(encoding='latin-1').splitlines() if l.strip()]


def age_bucket(age):
    for bound, bucket in ((18, 1), (25, 18), (35, 25), (45, 35), (50, 45), (56, 50)):
        if age < bound:
            return bucket
    return 56


with open(out / 'movies.dat', 'w', encoding='latin-1') as f:
    for copy in range(min(n, 2)):
        for line in (src / 'u.item').read_text(encoding='latin-1').splitlines():
            p = line.split('|')
            names = [g for g, flag in zip(genres, p[5:]) if flag == '1' and g != 'unknown'] or ['Drama']
            title = p[1] if copy == 0 else p[1].replace(' (', ' (copy) (', 1) if ' (' in p[1] else p[1] + ' (copy)'
            f.write('%d::%s::%s\n' % (int(p[0]) + copy * FILMS, title, '|'.join(names)))
with open(out / 'users.dat', 'w', encoding='latin-1') as f:
    rows = (src / 'u.user').read_text(encoding='latin-1').splitlines()
    for copy in range(n):
        for line in rows:
            user, age, gender, occupation, zip_code = line.split('|')
            f.write('%d::%s::%d::%d::%s\n' % (int(user) + copy * USERS, gender, age_bucket(int(age)),
                                              occupations.index(occupation) if occupation in occupations else 0, zip_code))
with open(out / 'ratings.dat', 'w', encoding='latin-1') as f:
    rows = [l.split('\t') for l in (src / 'u.data').read_text(encoding='latin-1').splitlines() if l.strip()]
    for copy in range(n):
        for user, film, rating, t in rows:
            f.write('%d::%d::%s::%d\n' % (int(user) + copy * USERS, int(film) + (copy % 2) * FILMS, rating, int(t) + copy))
