package xhtml_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/exportertest"
	"github.com/dossier-news/dossier/exporters/xhtml"
	"github.com/dossier-news/dossier/internal/testtool"
)

// TestEPUBCheck validates standalone output as an EPUB 3 content
// document; package epub checks the same pages inside whole books.
func TestEPUBCheck(t *testing.T) {
	epubcheck := testtool.NeedEpubcheck(t)
	// Each run starts a JVM, which costs seconds, so one page holds every
	// hard case: both directions, hostile text, flags and mentions on the
	// metadata, the names index.
	b := batch(t)
	b.Documents = append(b.Documents, hostile(), exportertest.Flagged())
	tests := []struct {
		name     string
		briefing func(t *testing.T) *exporters.Briefing
	}{
		{"batch of every hard case", func(t *testing.T) *exporters.Briefing { return b }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, "page.xhtml")
			report := filepath.Join(dir, "report.json")
			if err := os.WriteFile(page, export(t, tt.briefing(t)), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, xhtml.StylesheetName), xhtml.Stylesheet(), 0o644); err != nil {
				t.Fatal(err)
			}
			args := append(epubcheck[1:len(epubcheck):len(epubcheck)], "--mode", "xhtml", "-v", "3.0", page, "--json", report)
			out, runErr := exec.Command(epubcheck[0], args...).CombinedOutput()
			data, err := os.ReadFile(report)
			if err != nil {
				t.Fatalf("epubcheck: %v: %v\n%s", runErr, err, out)
			}
			var r struct {
				Messages []struct {
					ID, Severity, Message string
					Locations             []struct{ Line, Column int }
				}
			}
			if err := json.Unmarshal(data, &r); err != nil {
				t.Fatalf("epubcheck report: %v", err)
			}
			for _, m := range r.Messages {
				if m.Severity == "WARNING" || m.Severity == "ERROR" || m.Severity == "FATAL" {
					where := ""
					if len(m.Locations) > 0 {
						where = strconv.Itoa(m.Locations[0].Line) + ":" + strconv.Itoa(m.Locations[0].Column)
					}
					t.Errorf("epubcheck %s %s at %s: %s", m.Severity, m.ID, where, m.Message)
				}
			}
			if runErr != nil && !t.Failed() {
				t.Errorf("epubcheck: %v\n%s", runErr, out)
			}
		})
	}
}
