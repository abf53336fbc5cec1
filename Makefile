# dossier: the commands README gives.
GO ?= go
OUT ?= briefing

.PHONY: test brief deps bench fmt vet model

## test: run every test (tools missing locally are skipped; CI installs them)
test:
	$(GO) test ./...

## brief: the main job on the sample articles, translated to Spanish by a local Apertium
brief: deps
	$(GO) run ./cmd/dossier brief --to es --engine apertium --out $(OUT) testdata/articles

## deps: install Apertium and the output checkers from Debian's packages
deps:
	scripts/install-deps.sh

## bench: the benchmarks README quotes
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

fmt:
	gofmt -l -w .

vet:
	$(GO) vet ./...

## model: rebuild the mention tagger's weights from the public corpora (MODELS.md);
## CORPORA is where they are cloned, SOURCES=permissive keeps to permissive licences
CORPORA ?= corpora
SOURCES ?= all
model:
	scripts/fetch-corpora.sh $(CORPORA)
	$(GO) run ./pipeline/names/ner/cmd/nertrain train -corpora $(CORPORA) -sources $(SOURCES) -out pipeline/names/ner/model.bin
	$(GO) run ./pipeline/names/ner/cmd/nertrain eval -corpora $(CORPORA) -sources $(SOURCES) -model pipeline/names/ner/model.bin -split both
