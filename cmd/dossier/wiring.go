package main

import (
	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/transliterate"
)

// romanizer returns the function slugs use to turn any script into Latin.
func romanizer() func(string) string { return transliterate.Display }

// briefIndex returns the names index over a batch.
func (e *env) briefIndex(docs []*pipeline.Document) *pipeline.Index { return names.BuildIndex(docs) }
