#!/usr/bin/env bash
# The sci-fi fan of docs/LOCAL.md against a local server started with `./metarec --movielens <ml-100k dir>`:
# five 5-star ratings (Star Wars, Empire, Jedi, Alien, Terminator) and three 1-star romances, then the top 10 by title.
# usage: scripts/scifi-session.sh <ml-100k dir> [port] [user]
set -euo pipefail
DIR="$1"; PORT="${2:-8080}"; U="${3:-scifi-fan}"
ev() { printf '{"eventId":"%s-%s","userId":"%s","itemId":"%s","type":"rating","value":%s}' "$U" "$1" "$U" "$1" "$2"; }
BODY="{\"events\":[$(ev 50 5),$(ev 172 5),$(ev 181 5),$(ev 183 5),$(ev 195 5),$(ev 88 1),$(ev 66 1),$(ev 739 1)]}"
curl -s -X POST "localhost:$PORT/ingest" -H 'content-type: application/json' --data "$BODY"; echo
curl -s -X POST "localhost:$PORT/recommend" -H 'content-type: application/json' --data "{\"userId\":\"$U\",\"k\":10}" \
  | python3 -c '
import json, sys
titles = {l.split("|")[0]: l.split("|")[1] for l in open(sys.argv[1] + "/u.item", encoding="latin-1")}
r = json.load(sys.stdin)
print("mode", r["mode"])
for n, i in enumerate(r["items"], 1):
    print("%2d  %-45s %.2f  %s" % (n, titles.get(i["itemId"], i["itemId"]), i["score"], i["reason"]))
' "$DIR"
