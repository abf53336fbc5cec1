// Package clip shortens text for error messages without cutting a
// character in two: servers answer in every script, and an error that is
// not valid UTF-8 garbles a terminal or a JSON log.
package clip

import "unicode/utf8"

// String returns s cut to at most limit bytes at a rune boundary, with
// "…" marking the cut.
func String(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := max(limit, 0)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
