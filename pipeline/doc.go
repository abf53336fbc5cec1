// Package pipeline holds dossier's document model and runs the stages
// that change it: ingest → clean → names → translate → export.
//
// Start with Run: it reads Sources (package ingest makes them from
// command-line arguments) a few at a time, runs each Stage over the batch
// of Documents read, and returns a Batch with a Result per input, in
// input order; package exporters writes it (exporters.WriteBriefing). A
// Stage sees the whole batch, as linking names across articles needs;
// Chain and Each compose stages. The JSON form of Document is stable and
// documented in docs/model.md.
package pipeline
