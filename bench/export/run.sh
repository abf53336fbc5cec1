#!/usr/bin/env bash
# run.sh times dossier's XHTML and EPUB exporters against pandoc on the
# same generated briefing (100 articles in English, Russian, Azerbaijani
# and Persian, with headings, quotes, lists and name spans), then runs the
# Go benchmarks. Each tool is a separate process timed end to end (wall
# clock, peak RSS via /usr/bin/time), reading its input from disk and
# writing its output to disk, so start-up costs count for both.
#
# Usage: bench/export/run.sh [runs]        (default 5 runs; medians shown)
set -euo pipefail

runs=${1:-5}
n=100
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in go pandoc /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "run.sh: $tool not found" >&2; exit 2; }
done

cd "$root"
go build -o "$work/exportrun" ./bench/export/exportrun
"$work/exportrun" gen -n "$n" -out "$work/corpus"
mds=("$work"/corpus/article-*.md)
title="Generated briefing of $n articles"

# measure LABEL CMD...: runs CMD $runs times; prints "LABEL wall_ms rss_kb"
# with the median wall time and the largest peak RSS.
measure() {
	local label=$1
	shift
	local walls=() rss=0
	for _ in $(seq "$runs"); do
		local t0 t1 m
		t0=$(date +%s%N)
		/usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/stderr" || {
			echo "run.sh: $label failed:" >&2
			cat "$work/stderr" >&2
			exit 1
		}
		t1=$(date +%s%N)
		walls+=($(((t1 - t0) / 1000000)))
		m=$(tail -n1 "$work/rss")
		((m > rss)) && rss=$m
	done
	local median
	median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	echo "$label $median $rss"
}

{
	measure "dossier-xhtml" "$work/exportrun" export -format xhtml -in "$work/corpus/briefing.json" -out "$work/dossier.xhtml"
	measure "pandoc-html" pandoc -f markdown -t html5 -s --toc --metadata "title=$title" -o "$work/pandoc.html" "${mds[@]}"
	measure "dossier-epub" "$work/exportrun" export -format epub -in "$work/corpus/briefing.json" -out "$work/dossier.epub"
	measure "pandoc-epub" pandoc -f markdown -t epub3 --toc --metadata "title=$title" --metadata lang=en -o "$work/pandoc.epub" "${mds[@]}"
} >"$work/results"

size() { stat -c %s "$1"; }
echo "== $n articles, $runs runs each (median wall time, peak RSS) — $(pandoc --version | head -n1), $(go version | cut -d' ' -f3)"
awk -v dx="$(size "$work/dossier.xhtml")" -v ph="$(size "$work/pandoc.html")" \
	-v de="$(size "$work/dossier.epub")" -v pe="$(size "$work/pandoc.epub")" '
	{ wall[$1] = $2; rss[$1] = $3 }
	END {
		out["dossier-xhtml"] = dx; out["pandoc-html"] = ph; out["dossier-epub"] = de; out["pandoc-epub"] = pe
		printf "%-14s %10s %10s %12s\n", "tool", "wall ms", "RSS MB", "output KB"
		n = split("dossier-xhtml pandoc-html dossier-epub pandoc-epub", order, " ")
		for (i = 1; i <= n; i++) {
			k = order[i]
			printf "%-14s %10d %10.1f %12.1f\n", k, wall[k], rss[k] / 1024, out[k] / 1024
		}
		printf "\nratio pandoc/dossier  html: time %.1fx, memory %.1fx   epub: time %.1fx, memory %.1fx\n",
			wall["pandoc-html"] / max(wall["dossier-xhtml"], 1), rss["pandoc-html"] / rss["dossier-xhtml"],
			wall["pandoc-epub"] / max(wall["dossier-epub"], 1), rss["pandoc-epub"] / rss["dossier-epub"]
	}
	function max(a, b) { return a > b ? a : b }' "$work/results"

echo
echo "== go test -run '^\$' -bench 'XHTML100|EPUB100' -benchmem ./bench/export"
go test -run '^$' -bench 'XHTML100|EPUB100' -benchmem ./bench/export | grep -E '^(Benchmark|ok)'
if grep -qs 'func BenchmarkPDF100' exporters/pdf/*_test.go; then
	echo
	echo "== go test -run '^\$' -bench PDF100 -benchmem ./exporters/pdf"
	go test -run '^$' -bench PDF100 -benchmem ./exporters/pdf | grep -E '^(Benchmark|ok)'
fi
