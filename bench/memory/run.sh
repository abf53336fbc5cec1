#!/bin/sh
# Peak memory (maximum resident set size) of dossier on one page and on a
# batch of pages of the same size: reading is streamed per input with at
# most --jobs inputs at once, so the batch should cost about one page (or
# --jobs pages) more than one page, not N pages. Each line also gives the
# peak above the command's own (its peak on a two-paragraph page) per byte
# of the largest input.
#
#   bench/memory/run.sh [N] [MiB]     (from the repository root)
set -eu
n=${1:-12}
mb=${2:-4}
dir=${TMPDIR:-/tmp}/dossier-memory
bin=${TMPDIR:-/tmp}/dossier-memory-bin
go build -o "$bin" ./cmd/dossier
rm -rf "$dir" && go run ./bench/memory -out "$dir/in" -n "$n" -mb "$mb"
base=0
peak() { # label, largest input, then the command line
	label=$1
	input=$2
	shift 2
	/usr/bin/time -f "%M %e %U" -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr" || true
	read -r kb secs user <"$dir/time"
	[ "$input" = "$dir/tiny.html" ] && base=$kb
	ratio=$(awk -v kb="$kb" -v base="$base" -v size="$(wc -c <"$input")" 'BEGIN { printf "%.1f", (kb - base) * 1024 / size }')
	printf '%-46s %5d MiB %6s× the input above its own  %6.1f s (user %.1f s)\n' "$label" $((kb / 1024)) "$ratio" "$secs" "$user"
}
echo "dossier on $n pages of $mb MiB ($(nproc) CPUs):"
peak "clean, a two-paragraph page (its own)" "$dir/tiny.html" "$bin" clean "$dir/tiny.html"
peak "clean, 1 page" "$dir/in/page-01.html" "$bin" clean "$dir/in/page-01.html"
peak "clean, 1 page all article (4,800 paragraphs)" "$dir/long.html" "$bin" clean "$dir/long.html"
peak "clean, $n pages, --jobs 1" "$dir/in/page-01.html" "$bin" clean --jobs 1 "$dir/in"
peak "clean, $n pages, --jobs 2" "$dir/in/page-01.html" "$bin" clean --jobs 2 "$dir/in"
peak "brief --format txt, a two-paragraph page" "$dir/tiny.html" "$bin" brief --format txt --out "$dir/out0" "$dir/tiny.html"
peak "brief --format txt, 1 page" "$dir/in/page-01.html" "$bin" brief --format txt --out "$dir/out1" "$dir/in/page-01.html"
peak "brief --format txt, $n pages, --jobs 1" "$dir/in/page-01.html" "$bin" brief --format txt --jobs 1 --out "$dir/outn" "$dir/in"
peak "brief --format txt, $n pages, --jobs 2" "$dir/in/page-01.html" "$bin" brief --format txt --jobs 2 --out "$dir/outn2" "$dir/in"
