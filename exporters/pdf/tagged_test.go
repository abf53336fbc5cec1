package pdf

import (
	"bytes"
	"errors"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/internal/testtool"
	"github.com/dossier-news/dossier/pipeline"
)

// pdfinfo runs poppler's pdfinfo and fails on any message it prints to
// stderr: it reports damaged content streams (such as a BDC operator
// without its properties) there and still exits 0.
func pdfinfo(t *testing.T, file string, args ...string) string {
	t.Helper()
	cmd := exec.Command(testtool.Need(t, "pdfinfo"), append(args, file)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("pdfinfo %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

func TestTagged(t *testing.T) {
	data, file := sample(t)
	if info := pdfinfo(t, file); !regexp.MustCompile(`(?m)^Tagged:\s+yes$`).MatchString(info) {
		t.Errorf("pdfinfo does not report a tagged PDF:\n%s", info)
	}
	tree := pdfinfo(t, file, "-struct-text")
	types := map[string]bool{}
	for _, ln := range strings.Split(tree, "\n") {
		if f := strings.Fields(ln); len(f) > 0 && !strings.HasPrefix(f[0], `"`) {
			types[f[0]] = true
		}
	}
	for _, want := range []string{"Document", "Sect", "Art", "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "BlockQuote", "TOC", "TOCI"} {
		if !types[want] {
			t.Errorf("structure tree has no %s element", want)
		}
	}
	// The article's title is its H1, its headings H2 and H3, read in order.
	for _, want := range []string{
		"H1 (block)\n      \"Azerbaijan Exposes Alleged Iranian\"\n      \"Spy Network\"",
		"H2 (block)\n      \"Iran using Religious Schools to Recruit Spies\"",
		"H3 (block)\n      \"Tensions on the Rise\"",
	} {
		if !strings.Contains(tree, want) {
			t.Errorf("structure tree lacks %q", want)
		}
	}
	if strings.Contains(tree, "page 1 of") || strings.Contains(tree, "of 10") {
		t.Errorf("running footers are in the structure tree, want artifacts")
	}
	if !strings.Contains(tree, "\"Iran using Religious Schools to Recruit Spies\"") {
		t.Errorf("headings not found in the structure tree:\n%.2000s", tree)
	}
	// Every article says what language it is in, and a quoted original
	// title in another language is a span of its own.
	for _, want := range []string{"/S /Art /P", "/Lang (fa)", "/Lang (ru)", "/Lang (hy)", "/MarkInfo <</Marked true>>", "/StructParents 0"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	var content []byte
	for _, s := range inflateStreams(data) {
		content = append(content, s...)
	}
	for _, want := range []string{"/Span <</Lang (ru)>> BDC", "/Artifact <</Type /Pagination>> BDC", "/H1 <</MCID "} {
		if !bytes.Contains(content, []byte(want)) {
			t.Errorf("content streams lack %q", want)
		}
	}
	if n, m := bytes.Count(content, []byte(" BDC")), bytes.Count(content, []byte("BMC")); n+m != bytes.Count(content, []byte("EMC")) {
		t.Errorf("%d BDC and %d BMC but %d EMC", n, m, bytes.Count(content, []byte("EMC")))
	}
}

// TestTaggedAcrossPages checks that a paragraph broken over pages keeps
// one element, with its lines on the next page referenced by page.
func TestTaggedAcrossPages(t *testing.T) {
	long := strings.Repeat("A paragraph long enough to run over the foot of the page and on to the next. ", 120)
	b := &exporters.Briefing{Created: created, Documents: []*pipeline.Document{{
		Meta:   pipeline.Meta{Title: "Long", Language: "en"},
		Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: long}},
	}}}
	data := export(t, New(Options{}), b)
	file := writeTemp(t, data)
	if !bytes.Contains(data, []byte("<</Type /MCR /Pg ")) {
		t.Errorf("no marked-content reference to a later page")
	}
	tree := pdfinfo(t, file, "-struct-text")
	if got := strings.Count(tree, "P (block)\n      \"A paragraph"); got != 1 {
		t.Errorf("paragraph over pages is %d elements, want 1:\n%.3000s", got, tree)
	}
	if out := run(t, "qpdf", "--check", file); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

func TestWriteTaggedRefusesUnknownLayout(t *testing.T) {
	for _, raw := range []string{
		"",
		"%PDF-1.4\nstartxref\n5\n%%EOF\n",
		"%PDF-1.4\n1 0 obj\n<<>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<<\n/Size 2\n/Root 1 0 R\n>>\nstartxref\n31\n%%EOF\n",
	} {
		var out bytes.Buffer
		if err := writeTagged(&out, []byte(raw), newStructure("en", "en")); !errors.Is(err, errLayout) {
			t.Errorf("writeTagged(%.30q) = %v, want errLayout", raw, err)
		}
	}
}
