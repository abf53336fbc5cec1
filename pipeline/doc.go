// Package pipeline holds dossier's document model and the stages that
// change it: ingest → clean → names → translate → export.
//
// Start with Document (one article) and Stage (one step over it). Ingest
// turns raw bytes into a Document; the subpackages clean, names and
// translate are stages; package exporters reads the result. The JSON form
// of Document is stable and documented in docs/model.md.
package pipeline
