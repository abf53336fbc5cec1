#!/usr/bin/env bash
# Installs the programs dossier's tests and main job use, from Debian's
# packages: Apertium with the English–Spanish pair (the local translation
# engine, and APy, its HTTP server), and the tools that check outputs
# (qpdf, poppler's pdffonts/pdftotext/pdftoppm, epubcheck, xmllint), and
# OmegaT, the CAT tool the TMX and XLIFF tests round-trip through. The
# export benchmark also wants pandoc (bench/export/run.sh says so).
# PostgreSQL is for the team tests (shared translation memory, distributed
# batch): they initdb a throwaway cluster and run it as nobody, never the
# system's own cluster. Safe to run again; needs root or sudo.
set -euo pipefail

packages=(apertium apertium-apy apertium-eng-spa poppler-utils qpdf epubcheck libxml2-utils default-jre-headless omegat)
# PostgreSQL: the server binaries (initdb, pg_ctl, postgres) and psql.
packages+=(postgresql)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null; then
		echo "install-deps: need root to install: ${missing[*]}" >&2
		exit 1
	fi
	sudo=sudo
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
