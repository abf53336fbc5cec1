package main

import "github.com/dossier-news/dossier/pipeline"

// romanizer returns the function slugs use to turn any script into Latin.
func romanizer() func(string) string { return nil }

// briefIndex returns the names index over a batch.
func (e *env) briefIndex(docs []*pipeline.Document) *pipeline.Index { return nil }
