package main

import (
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/apertium"
	"github.com/dossier-news/dossier/pipeline/translate/azure"
	"github.com/dossier-news/dossier/pipeline/translate/deepl"
	"github.com/dossier-news/dossier/pipeline/translate/google"
	"github.com/dossier-news/dossier/pipeline/translate/libretranslate"
	"github.com/dossier-news/dossier/pipeline/translate/openai"
)

// newEngineRegistry lists the translation engines dossier offers, the
// free and local one first: it is the default.
func newEngineRegistry() *translate.Registry {
	return translate.NewRegistry(
		apertium.Backend(),
		libretranslate.Backend(),
		deepl.Backend(),
		google.Backend(),
		azure.Backend(),
		openai.Backend(),
	)
}
