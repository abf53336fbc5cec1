#!/usr/bin/env bash
# Nightly-style check that no test depends on timing or luck: the whole
# suite 20 times in a row, then once under the race detector. Slow (tens of
# minutes on 2 cores); not part of .ci/run, whose budget it would eat.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${COUNT:-20}
echo "nightly: go test -count=$count ./..." >&2
go test -count="$count" ./...
echo "nightly: go test -race ./..." >&2
go test -race ./...
