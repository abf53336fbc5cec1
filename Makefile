# dossier: the commands README gives.
GO ?= go
OUT ?= briefing

.PHONY: test brief deps bench fmt vet

## test: run every test (tools missing locally are skipped; CI installs them)
test:
	$(GO) test ./...
	@# bench/names is its own module: its baseline's dependency stays out of dossier's go.mod
	$(GO) -C bench/names vet ./...

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
