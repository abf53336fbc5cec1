#!/usr/bin/env bash
# run.sh times dossier's exporters against pandoc. Each tool is a separate
# process timed end to end (wall clock and CPU time, peak RSS via
# /usr/bin/time), reading its input from disk and writing its output to
# disk, so start-up costs count for both.
#
#  1. The five sample articles (testdata/articles) to XHTML: dossier in one
#     process, as `dossier brief --format xhtml` (the whole pipeline: read,
#     clean, names, export) and as the XHTML exporter alone on the same
#     articles cleaned; pandoc run once per article on the text files.
#  2. A generated briefing of 100 articles (English, Russian, Azerbaijani
#     and Persian, with headings, quotes, lists and name spans) to XHTML
#     and EPUB: dossier in one process; pandoc once over all articles and
#     once per article.
#  3. The Go benchmarks.
#
# Usage: bench/export/run.sh [runs]        (default 5 runs; medians shown)
#
# Needs pandoc (Debian: apt-get install pandoc); without it the script
# says so and exits 2.
set -euo pipefail

runs=${1:-5}
n=100
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in go pandoc /usr/bin/time; do
	command -v "$tool" >/dev/null || {
		echo "run.sh: $tool not found (pandoc: apt-get install pandoc)" >&2
		exit 2
	}
done

cd "$root"
go build -o "$work/exportrun" ./bench/export/exportrun
go build -o "$work/dossier" ./cmd/dossier
"$work/exportrun" gen -n "$n" -out "$work/corpus"
mds=("$work"/corpus/article-*.md)
title="Generated briefing of $n articles"
samples=("$root"/testdata/articles/*.txt)
"$work/dossier" clean --format json "${samples[@]}" >"$work/samples.json"

# measure LABEL CMD...: runs CMD $runs times; prints "LABEL wall_ms rss_kb
# cpu_ms" with the median wall and CPU (user + system) times and the
# largest peak RSS. The machine may be shared: CPU time is the steadier.
measure() {
	local label=$1
	shift
	local walls=() cpus=() rss=0
	for _ in $(seq "$runs"); do
		local t0 t1 m u s
		t0=$(date +%s%N)
		/usr/bin/time -f '%M %U %S' -o "$work/rss" "$@" >/dev/null 2>"$work/stderr" || {
			echo "run.sh: $label failed:" >&2
			cat "$work/stderr" >&2
			exit 1
		}
		t1=$(date +%s%N)
		walls+=($(((t1 - t0) / 1000000)))
		read -r m u s < <(tail -n1 "$work/rss")
		cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1000 }')")
		((m > rss)) && rss=$m
	done
	echo "$label $(median "${walls[@]}") $rss $(median "${cpus[@]}")"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# pandoc_each OUTDIR TO FILE...: pandoc once per article, as a user
# converting articles one by one would. /usr/bin/time counts the children.
pandoc_each() {
	local out=$1 to=$2
	shift 2
	mkdir -p "$out"
	for f in "$@"; do
		pandoc -f markdown -t "$to" -s --metadata "title=${f##*/}" -o "$out/${f##*/}.out" "$f"
	done
}
export -f pandoc_each

{
	measure "dossier-brief-5" "$work/dossier" brief --format xhtml --out "$work/brief5" "${samples[@]}"
	measure "dossier-xhtml-5" "$work/exportrun" export -format xhtml -docs -in "$work/samples.json" -out "$work/samples.xhtml"
	measure "pandoc-each-5" bash -c 'pandoc_each "$@"' _ "$work/each5" html5 "${samples[@]}"
	measure "dossier-xhtml-100" "$work/exportrun" export -format xhtml -in "$work/corpus/briefing.json" -out "$work/dossier.xhtml"
	measure "pandoc-html-100" pandoc -f markdown -t html5 -s --toc --metadata "title=$title" -o "$work/pandoc.html" "${mds[@]}"
	measure "pandoc-each-100" bash -c 'pandoc_each "$@"' _ "$work/each100" html5 "${mds[@]}"
	measure "dossier-epub-100" "$work/exportrun" export -format epub -in "$work/corpus/briefing.json" -out "$work/dossier.epub"
	measure "pandoc-epub-100" pandoc -f markdown -t epub3 --toc --metadata "title=$title" --metadata lang=en -o "$work/pandoc.epub" "${mds[@]}"
} >"$work/results"

echo "== $runs runs each (median wall and CPU time, peak RSS) — $(pandoc --version | head -n1), $(go version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
	{ wall[$1] = $2; rss[$1] = $3; cpu[$1] = $4; order[++n] = $1 }
	END {
		printf "%-18s %9s %9s %8s\n", "run", "wall ms", "CPU ms", "RSS MB"
		for (i = 1; i <= n; i++) {
			k = order[i]
			printf "%-18s %9d %9d %8.1f\n", k, wall[k], cpu[k], rss[k] / 1024
		}
		print ""
		ratio("five samples: pandoc once per article / dossier brief", "pandoc-each-5", "dossier-brief-5")
		ratio("five samples: pandoc once per article / dossier XHTML exporter", "pandoc-each-5", "dossier-xhtml-5")
		ratio("100 articles: pandoc once per article / dossier XHTML", "pandoc-each-100", "dossier-xhtml-100")
		ratio("100 articles: pandoc once over all / dossier XHTML", "pandoc-html-100", "dossier-xhtml-100")
		ratio("100 articles: pandoc EPUB / dossier EPUB", "pandoc-epub-100", "dossier-epub-100")
	}
	function ratio(what, a, b) {
		printf "%-66s wall %5.1fx  CPU %5.1fx\n", what, wall[a] / max(wall[b], 1), cpu[a] / max(cpu[b], 1)
	}
	function max(a, b) { return a > b ? a : b }' "$work/results"

echo
echo "== go test -run '^\$' -bench 'XHTML100|EPUB100' -benchmem ./bench/export"
go test -run '^$' -bench 'XHTML100|EPUB100' -benchmem ./bench/export | grep -E '^(Benchmark|ok)'
echo
echo "== go test -run '^\$' -bench PDF100 -benchmem ./exporters/pdf"
go test -run '^$' -bench PDF100 -benchmem ./exporters/pdf | grep -E '^(Benchmark|ok)'
