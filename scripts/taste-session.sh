#!/usr/bin/env bash
# A new user's session against a local server started with `./metarec --movielens <MovieLens dir>`: rate films by
# that data set's movie id, then print the top 10 by title (optionally only films of the given genres).
# usage: scripts/taste-session.sh <MovieLens dir> <port> <user> "<id>:<stars> <id>:<stars> ..." ['"Genre","Genre"']
# K=20 before the command asks for 20 items instead of 10
# e.g.   scripts/taste-session.sh ml-100k 8080 disney-fan "1:5 95:5 71:5 588:5 418:5" "\"Animation\",\"Children's\""
set -euo pipefail
DIR="$1"; PORT="$2"; U="$3"; RATINGS="$4"; CATEGORIES="${5:-}"; K="${K:-10}"
ev() { printf '{"eventId":"%s-%s","userId":"%s","itemId":"%s","type":"rating","value":%s}' "$U" "$1" "$U" "$1" "$2"; }
events=()
for r in $RATINGS; do events+=("$(ev "${r%%:*}" "${r##*:}")"); done
curl -s -X POST "localhost:$PORT/ingest" -H 'content-type: application/json' --data "{\"events\":[$(IFS=,; echo "${events[*]}")]}"; echo
REQ="{\"userId\":\"$U\",\"k\":$K${CATEGORIES:+,\"categories\":[$CATEGORIES]}}"
curl -s -X POST "localhost:$PORT/recommend" -H 'content-type: application/json' --data "$REQ" \
  | python3 -c '
import csv, json, os, sys
d = sys.argv[1]
if os.path.exists(d + "/u.item"):
    titles = {l.split("|")[0]: l.split("|")[1] for l in open(d + "/u.item", encoding="latin-1")}
elif os.path.exists(d + "/movies.csv"):
    titles = {r["movieId"]: r["title"] for r in csv.DictReader(open(d + "/movies.csv", encoding="utf-8"))}
else:
    titles = {l.split("::")[0]: l.split("::")[1] for l in open(d + "/movies.dat", encoding="latin-1")}
r = json.load(sys.stdin)
print("mode", r["mode"])
for n, i in enumerate(r["items"], 1):
    print("%2d  %-45s %.2f  %s" % (n, titles.get(i["itemId"], i["itemId"]), i["score"], i["reason"]))
' "$DIR"
