#!/usr/bin/env bash
# The sci-fi fan of docs/LOCAL.md against a local server started with `./metarec --movielens <ml-100k dir>`:
# five 5-star ratings (Star Wars, Empire, Jedi, Alien, Terminator) and three 1-star romances, then the top 10 by title.
# usage: scripts/scifi-session.sh <ml-100k dir> [port] [user]
set -euo pipefail
exec "$(dirname "$0")/taste-session.sh" "$1" "${2:-8080}" "${3:-scifi-fan}" "50:5 172:5 181:5 183:5 195:5 88:1 66:1 739:1"
