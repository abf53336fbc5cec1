#!/bin/sh
# fetch-fresh.sh DIR: clone the fresh evaluation sets of `go run ./bench/ner
# eval -split fresh` into DIR/owner+name, checked out at pinned commits.
# These sets are never trained or tuned on (MODELS.md, "Fresh unseen
# sets"): no corpus reader of the tagger (pipeline/names/ner/corpus) reads
# them. They are third-party data: keep DIR out of the repository.
#
# CORPORA_BASE replaces https://github.com as the clone base; when it is a
# local directory, each repository is taken from $CORPORA_BASE/owner+name
# (or owner+name/repo), as a mirror of GitHub keeps them.
set -eu
dir=${1:?usage: fetch-fresh.sh DIR}
base=${CORPORA_BASE:-https://github.com}
mkdir -p "$dir"

. "$(dirname "$0")/../../scripts/fetch-repo.sh"

fetch umartariq867/Named-Entity-Recognition-with-Python c549b67fb2db101bfa3ec8338cce3c03ad7f2478 ner_dataset.csv
fetch UL-FRI-Zitnik/BSNLP-2021-Shared-Task 5163242ff2e0b41d760afb3b9e9f4508f8dbaac6 \
	':(glob)data/datasets/bsnlp/*/raw/ru/**' ':(glob)data/datasets/bsnlp/*/annotated/ru/**' \
	':(glob)data/datasets/bsnlp/*/raw/uk/**' ':(glob)data/datasets/bsnlp/*/annotated/uk/**'
fetch turkish-nlp-suite/Turkish-Wiki-NER-Dataset 34b6e73268e29605b0d9f4914226853e7c325a61 Turkish-Wiki-NER-Dataset/test.conll
fetch overfit-ir/persian-twitter-ner c0207a9fb53cb765a3086aae6c3ed48efd6a01f2 twitter_data/persian-ner-twitter-data/test.txt
fetch bvanaken/visbert 8c0f4a8b8eb821dca6d947206c3e3cbad9cda693 data/Finegrained/WikiFANE_2014_Gold_standard/NewsFANE_Gold_2014_170K.txt
fetch ispras-texterra/pioner 30605e97bb3af427b93ae09809995c08cbc3df43 pioner-gold/test.conll03
