package ingest

import (
	"encoding/json"
	"regexp"
	"strings"
)

// Kind is what an input turned out to be.
type Kind string

const (
	KindText Kind = "text" // a raw scrape, as copied from a browser
	KindHTML Kind = "html" // a web page
	KindJSON Kind = "json" // dossier's own document model
)

var htmlMarkers = regexp.MustCompile(`(?i)<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<div[\s>]|<p[\s>]|<meta\s|<title>`)

// DetectKind tells raw text, HTML and dossier JSON apart by content;
// contentType, when known from HTTP, breaks ties.
func DetectKind(text, contentType string) Kind {
	t := strings.TrimSpace(text)
	if strings.HasPrefix(t, "{") && isModelJSON(t) {
		return KindJSON
	}
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "html") {
		return KindHTML
	}
	if looksHTML(t) {
		return KindHTML
	}
	return KindText
}

func looksHTML(t string) bool {
	head := t[:min(len(t), 4096)]
	if !strings.HasPrefix(strings.TrimSpace(head), "<") {
		// Text that quotes a tag mid-sentence is still text.
		return false
	}
	return htmlMarkers.MatchString(head)
}

// isModelJSON reports whether t starts with a dossier document; only the
// first value is looked at, since a stream holds several.
func isModelJSON(t string) bool {
	var probe struct {
		Meta   json.RawMessage `json:"meta"`
		Blocks json.RawMessage `json:"blocks"`
	}
	return json.NewDecoder(strings.NewReader(t)).Decode(&probe) == nil && probe.Meta != nil && probe.Blocks != nil
}
