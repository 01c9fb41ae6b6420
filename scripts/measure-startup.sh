#!/usr/bin/env bash
# Measures JVM start of the local jar to the first served recommendation (target: <= 1.5 s).
# Builds the local server if needed, prepares a store with a trained champion (first start, not
# timed), then starts the jar RUNS times on that store and times launch -> first HTTP 200 of
# POST /recommend. Prints each run and the median.
#
#   scripts/measure-startup.sh [RUNS]      (default 5; port 18080; store in target/startup-store)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
PORT=18080
STORE=functions/api/target/startup-store
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./metarec --no-run
# ./metarec execs java, so $! is the JVM; it adds the AOT cache / CDS archive once the first run wrote it.
launch() { ./metarec --port $PORT --data $STORE >/dev/null 2>&1 & pid=$!; }
BODY='{"userId":"u1","k":10}'

wait_for_200() {  # polls until the recommend answers 200 or the process dies
  local pid=$1
  while kill -0 "$pid" 2>/dev/null; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "localhost:$PORT/recommend" -H 'content-type: application/json' -d "$BODY" || true)
    [ "$code" = 200 ] && return 0
    sleep 0.005
  done
  return 1
}

for prep in 1 2; do   # 1: trains the demo model into the store; 2: a normal start (writes the AOT cache on exit)
  echo "preparation run $prep (not timed)..." >&2
  launch
  wait_for_200 $pid || { echo "server died during preparation" >&2; exit 1; }
  kill $pid; wait $pid 2>/dev/null || true
done

times=()
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  launch
  wait_for_200 $pid || { echo "server died" >&2; exit 1; }
  end=$(date +%s%N)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' /proc/$pid/stat)   # user + system CPU of the JVM so far
  kill $pid; wait $pid 2>/dev/null || true
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms from java launch to the first recommendation (JVM CPU time ${cpu} ms)"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "median: ${median} ms (target <= 1500 ms) over $RUNS runs; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
