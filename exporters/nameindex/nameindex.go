// Package nameindex writes the names index of a batch (pipeline.Index)
// as a table for people, JSON or CSV for programs: one entry per person
// or place, with its spellings and the articles it appears in.
package nameindex

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dossier-news/dossier/pipeline"
)

// Formats are the names Write takes, the default first.
var Formats = []string{"table", "json", "csv"}

// ErrFormat is wrapped when a format is not one of Formats.
var ErrFormat = errors.New("want table, json or csv")

// Check returns an error wrapping ErrFormat when format is not one of
// Formats, writing nothing.
func Check(format string) error {
	if !slices.Contains(Formats, format) {
		return fmt.Errorf("format %q: %w", format, ErrFormat)
	}
	return nil
}

// Write writes idx to w in format, one of Formats.
func Write(w io.Writer, format string, idx *pipeline.Index) error {
	switch format {
	case "table":
		return writeTable(w, idx)
	case "json":
		return writeJSON(w, idx)
	case "csv":
		return writeCSV(w, idx)
	}
	return Check(format)
}

func writeJSON(w io.Writer, idx *pipeline.Index) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(idx)
}

func writeCSV(w io.Writer, idx *pipeline.Index) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "canonical", "kind", "variants", "mentions", "files"})
	for _, en := range idx.Entities {
		cw.Write([]string{en.ID, en.Canonical, en.Kind, variantList(en.Variants), strconv.Itoa(len(en.Mentions)), strings.Join(files(en), "; ")})
	}
	cw.Flush()
	return cw.Error()
}

// writeTable lists each entity on one line, its articles by base name.
func writeTable(w io.Writer, idx *pipeline.Index) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tVARIANTS\tARTICLES")
	for _, en := range idx.Entities {
		fs := files(en)
		for i := range fs {
			fs[i] = filepath.Base(fs[i])
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", en.Canonical, en.Kind, variantList(en.Variants), strings.Join(fs, ", "))
	}
	return tw.Flush()
}

// variantList writes variants as "Rəsulovla ×2; Расулов".
func variantList(vs []pipeline.Variant) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.Text
		if v.Count > 1 {
			parts[i] += " ×" + strconv.Itoa(v.Count)
		}
	}
	return strings.Join(parts, "; ")
}

// files lists the articles an entity appears in, each once, sorted.
func files(en pipeline.Entity) []string {
	var out []string
	for _, m := range en.Mentions {
		out = append(out, m.File)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
