package ingest

import (
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
	if looksJSON(t) {
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
	t = strings.TrimSpace(t)
	if !strings.HasPrefix(t, "<") {
		// Text that quotes a tag mid-sentence is still text.
		return false
	}
	t = skipPreamble(t)
	return htmlMarkers.MatchString(t[:min(len(t), 4096)])
}

// preamble are what may come before a page's first tag that says HTML:
// comments, styles and scripts, however long.
var preamble = []struct{ open, close string }{
	{"<!--", "-->"},
	{"<style", "</style>"},
	{"<script", "</script>"},
}

// skipPreamble returns t from after its leading comments, style and
// script elements and white space.
func skipPreamble(t string) string {
	for {
		t = strings.TrimLeft(t, " \t\r\n\f")
		skipped := false
		for _, p := range preamble {
			if len(t) < len(p.open) || !strings.EqualFold(t[:len(p.open)], p.open) {
				continue
			}
			end := indexFold(t[len(p.open):], p.close)
			if end < 0 {
				return t
			}
			t = t[len(p.open)+end+len(p.close):]
			skipped = true
		}
		if !skipped {
			return t
		}
	}
}

// indexFold is strings.Index ignoring ASCII case, for a needle whose
// first byte has no case ('<', '-'): found by IndexByte, so the search
// stays linear.
func indexFold(s, needle string) int {
	for i := 0; i+len(needle) <= len(s); {
		j := strings.IndexByte(s[i:], needle[0])
		if j < 0 {
			return -1
		}
		i += j
		if i+len(needle) <= len(s) && strings.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
		i++
	}
	return -1
}

// looksJSON reports whether t starts as a JSON object does: text that
// opens with {" or {} is JSON, well formed or not, whose errors are
// JSON's to report.
func looksJSON(t string) bool {
	if !strings.HasPrefix(t, "{") {
		return false
	}
	rest := strings.TrimLeft(t[1:], " \t\r\n")
	return strings.HasPrefix(rest, `"`) || strings.HasPrefix(rest, "}")
}
