#!/usr/bin/env bash
# Bounded load run on loopback (not part of the default build): the metarec-api artifact on dynalite + s3proxy,
# CLIENTS concurrent callers for SECONDS, mixed ingest/recommend/adapt. Prints throughput, p50/p99 and errors.
# Usage (from the repository root): integration-tests/load.sh [CLIENTS] [SECONDS] [ENVIRONMENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p integration-tests/target
CLIENTS="${1:-32}"; SECONDS_="${2:-60}"; ENVS="${3:-4}"
# -Dtest selects only the load run; the upstream modules are packaged (-am) but run none of their tests.
./mvnw -pl integration-tests -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest='LoadRun' \
  -Dmetarec.it.excludedGroups=none \
  -Dmetarec.it.argLine="-Dmetarec.load.clients=${CLIENTS} -Dmetarec.load.seconds=${SECONDS_} -Dmetarec.load.environments=${ENVS}" \
  | tee integration-tests/target/load.log | grep -E "\[figure\]|Tests run:|BUILD|ERROR" || true
