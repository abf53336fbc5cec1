module github.com/dossier-news/dossier/bench/names

go 1.26.8

require (
	github.com/dossier-news/dossier v0.0.0
	github.com/mozillazg/go-unidecode v0.2.0
	github.com/xrash/smetrics v0.0.0-20240521201337-686a1a2994c1
)

require golang.org/x/text v0.44.0 // indirect

replace github.com/dossier-news/dossier => ../..
