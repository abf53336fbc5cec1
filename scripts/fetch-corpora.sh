#!/bin/sh
# fetch-corpora.sh DIR: clone each named-entity corpus the mention tagger is
# trained on (pipeline/names/ner/corpus.Sources) into DIR/owner+name, checked
# out at its pinned commit. The corpora are third-party data: keep DIR out
# of the repository.
#
# CORPORA_BASE replaces https://github.com as the clone base; when it is a
# local directory, each repository is taken from $CORPORA_BASE/owner+name
# (or owner+name/repo), as a mirror of GitHub keeps them.
set -eu
dir=${1:?usage: fetch-corpora.sh DIR}
base=${CORPORA_BASE:-https://github.com}
mkdir -p "$dir"

. "$(dirname "$0")/fetch-repo.sh"

fetch imabhivaibhav/NER 7dc3944fb10a6d1f1ac65508379147679ab5aa1d eng.train eng.testa eng.testb
fetch dialogue-evaluation/factRuEval-2016 dfe96237fce79fde13b2021d1938587e4ea3042e devset testset
fetch lang-uk/ner-uk 7772b45807453854883a8e6d23e4d145014a1a42 v2.0/data
fetch hilalbenzer/turkish-ner 578d45155d2358e3cce936ca250722d8c40a0fbc src/reyyan.train.txt src/reyyan.test.txt
fetch HaniehP/PersianNER 82160588e3f80cb0fb4809208bd28e6b20546b44 ArmanPersoNERCorpus.zip
fetch overfit-ir/persian-twitter-ner c0207a9fb53cb765a3086aae6c3ed48efd6a01f2 ner_data/peyma
fetch HassanAzzam/Arabic-NER 056cbc16483ae7e2a3ff86615cf46ed26af8c743 ANERCorp
fetch myavrum/ArmTDP-NER 0462425b4572663e2eeb611b75d53e657607f902 ArmNER-HY.json1
