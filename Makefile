# dossier: the commands README gives.
GO ?= go
OUT ?= briefing

.PHONY: test build brief deps bench fmt vet model english

## test: run every test (tools missing locally are skipped; CI installs them)
test:
	$(GO) test -timeout 30m ./...
	@# bench/names is its own module: its baseline's dependency stays out of dossier's go.mod
	$(GO) -C bench/names vet ./...

## build: the dossier binary in this folder
build:
	@echo "make: building ./dossier (the first build compiles the dependencies: a few minutes)" >&2
	$(GO) build -o dossier ./cmd/dossier

## brief: the main job on the sample articles, translated to Spanish by a local Apertium
brief: deps build
	@echo "make: translating and exporting testdata/articles into $(OUT)/" >&2
	./dossier brief --to es --engine apertium --out $(OUT) testdata/articles

## deps: install Apertium and the output checkers from Debian's packages
deps:
	@echo "make: checking Apertium and the output checkers (scripts/install-deps.sh)" >&2
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

## english: rebuild the English word statistics translation reads to decide what to protect (MODELS.md)
english:
	scripts/english-words.sh
