#!/bin/sh
# Peak memory (maximum resident set size) of dossier on one page and on a
# batch of pages of the same size: reading is streamed per input with at
# most --jobs inputs at once, so the batch should cost about one page (or
# --jobs pages) more than one page, not N pages.
#
#   bench/memory/run.sh [N] [MiB]     (from the repository root)
set -eu
n=${1:-12}
mb=${2:-4}
dir=${TMPDIR:-/tmp}/dossier-memory
bin=${TMPDIR:-/tmp}/dossier-memory-bin
go build -o "$bin" ./cmd/dossier
rm -rf "$dir" && go run ./bench/memory -out "$dir/in" -n "$n" -mb "$mb"
peak() { # label, then the command line
	label=$1
	shift
	/usr/bin/time -f "%M %e" -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr" || true
	read -r kb secs <"$dir/time"
	printf '%-44s %6d MiB  %6.1f s\n' "$label" $((kb / 1024)) "$secs"
}
echo "dossier on $n pages of $mb MiB ($(nproc) CPUs):"
peak "clean, 1 page" "$bin" clean "$dir/in/page-01.html"
peak "clean, $n pages, --jobs 1" "$bin" clean --jobs 1 "$dir/in"
peak "clean, $n pages, --jobs 2" "$bin" clean --jobs 2 "$dir/in"
peak "brief --format txt, 1 page" "$bin" brief --format txt --out "$dir/out1" "$dir/in/page-01.html"
peak "brief --format txt, $n pages, --jobs 1" "$bin" brief --format txt --jobs 1 --out "$dir/outn" "$dir/in"
peak "brief --format txt, $n pages, --jobs 2" "$bin" brief --format txt --jobs 2 --out "$dir/outn2" "$dir/in"
