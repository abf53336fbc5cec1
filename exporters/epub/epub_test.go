package epub_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/epub"
	"github.com/dossier-news/dossier/exporters/exportertest"
	"github.com/dossier-news/dossier/internal/testtool"
	"github.com/dossier-news/dossier/pipeline"
)

var created = time.Date(2026, 5, 20, 9, 30, 0, 0, time.UTC)

// load reads a sample document written by
// exporters/xhtml/testdata/mksamples.
func load(t testing.TB, name string) *pipeline.Document {
	t.Helper()
	return exportertest.ReadJSON[pipeline.Document](t, filepath.Join("testdata", "docs", name+".json"))
}

func loadIndex(t testing.TB) *pipeline.Index {
	t.Helper()
	return exportertest.ReadJSON[pipeline.Index](t, filepath.Join("testdata", "docs", "index.json"))
}

func single(doc *pipeline.Document) *exporters.Briefing { return exportertest.Single(doc, created) }

func export(t testing.TB, b *exporters.Briefing) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := epub.New().Export(context.Background(), &buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// hostile is an article whose text tries every way out of XHTML.
func hostile() *pipeline.Document {
	return &pipeline.Document{
		Meta: pipeline.Meta{
			Title:    "<script>alert(1)</script> & ]]> \x00\x1b\uFFFE",
			Authors:  []string{"A&B <b>"},
			Outlet:   `Outlet "quoted" <i>`,
			Source:   "https://example.com/a?b=1&c=<2>",
			Language: "en",
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "<script>alert(1)</script> and &nbsp; and ]]> and \x01\x7f\u0085 and \uFFFE\uFFFF end"},
			{Kind: pipeline.Heading, Level: 1, Text: "<h1>&amp;</h1>"},
			{Kind: pipeline.Quote, Items: []string{"<![CDATA[x]]>"}, Attribution: "<cite>"},
			{Kind: pipeline.List, Items: []string{"<li>", "\xff\xfe bad utf-8"}},
		},
	}
}

// TestEPUBCheck runs epubcheck over the kinds of book the CLI writes: a
// batch, and single articles in either direction. Each run starts a JVM,
// which costs seconds, so the hard cases share the batch instead of
// getting a book each: hostile text, an empty title, no date, flags and
// mentions on the metadata, both directions, the names index.
func TestEPUBCheck(t *testing.T) {
	check := epubcheck(t)
	noDate := load(t, "ru")
	noDate.Meta.Published = nil
	untitled := load(t, "fa")
	untitled.Meta.Title = " "
	var all []*pipeline.Document
	for _, n := range []string{"seed", "en", "az", "ru", "fa"} {
		all = append(all, load(t, n))
	}
	all = append(all, hostile(), untitled, noDate, exportertest.Flagged())

	// A single article with no briefing title and no time: the book falls
	// back to the article's title and the epoch.
	ltr := flagged(load(t, "seed"))
	rtl := flagged(load(t, "fa"))
	tests := []struct {
		name     string
		briefing *exporters.Briefing
	}{
		{"batch of every hard case", &exporters.Briefing{Title: "Azerbaijan & <Iran>: spy network ]]>", Documents: all, Index: loadIndex(t), Created: created}},
		{"single left to right", &exporters.Briefing{Documents: []*pipeline.Document{ltr}}},
		{"single right to left", single(rtl)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out := export(t, tt.briefing)
			xmllint(t, out)
			check(t, out)
		})
	}
}

// flagged adds to doc what the CLI may add to its metadata: a mention of
// the first word of its title, and a flag on the title.
func flagged(doc *pipeline.Document) *pipeline.Document {
	title := doc.Meta.Title
	if i := strings.IndexByte(title, ' '); i > 0 {
		doc.Mentions = append(doc.Mentions, pipeline.Mention{Ref: pipeline.Ref{Block: pipeline.MetaBlock},
			Start: 0, End: i, Text: title[:i], Entity: "first-word", Canonical: title[:i], Kind: "place"})
	}
	doc.Trail = append(doc.Trail, pipeline.Provenance{Ref: pipeline.Ref{Block: pipeline.MetaBlock},
		Engine: "apertium", From: doc.Meta.Language, To: "es", Flags: []pipeline.Flag{exportertest.NotTranslated()}})
	return doc
}

// epubcheck returns a function that fails the test on any epubcheck
// message of severity WARNING or above.
func epubcheck(t *testing.T) func(t *testing.T, book []byte) {
	t.Helper()
	epubcheck := testtool.NeedEpubcheck(t)
	return func(t *testing.T, book []byte) {
		t.Helper()
		dir := t.TempDir()
		f := filepath.Join(dir, "book.epub")
		if err := os.WriteFile(f, book, 0o644); err != nil {
			t.Fatal(err)
		}
		report := filepath.Join(dir, "report.json")
		args := append(epubcheck[1:len(epubcheck):len(epubcheck)], f, "--json", report)
		out, err := exec.Command(epubcheck[0], args...).CombinedOutput()
		var r struct {
			Messages []struct {
				ID        string `json:"ID"`
				Severity  string `json:"severity"`
				Message   string `json:"message"`
				Locations []struct {
					Path   string `json:"path"`
					Line   int    `json:"line"`
					Column int    `json:"column"`
				} `json:"locations"`
			} `json:"messages"`
		}
		data, rerr := os.ReadFile(report)
		if rerr != nil {
			t.Fatalf("epubcheck: %v: %v\n%s", err, rerr, out)
		}
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatalf("epubcheck report: %v", err)
		}
		for _, m := range r.Messages {
			switch m.Severity {
			case "WARNING", "ERROR", "FATAL":
				var where []string
				for _, l := range m.Locations {
					where = append(where, filepath.Base(l.Path)+":"+strconv.Itoa(l.Line)+":"+strconv.Itoa(l.Column))
				}
				t.Errorf("epubcheck %s %s: %s (%s)", m.Severity, m.ID, m.Message, strings.Join(where, ", "))
			}
		}
		if err != nil && !t.Failed() {
			t.Errorf("epubcheck: %v\n%s", err, out)
		}
	}
}

// entries opens book and returns its files by name, failing on anything
// about the container itself that epubcheck would reject or that breaks
// reproducibility.
func entries(t *testing.T, book []byte) ([]*zip.File, map[string]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		var buf bytes.Buffer
		if _, err := buf.ReadFrom(rc); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		rc.Close()
		files[f.Name] = buf.String()
	}
	return zr.File, files
}

func TestContainer(t *testing.T) {
	book := export(t, single(load(t, "fa")))
	zf, files := entries(t, book)
	first := zf[0]
	if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 || first.ReaderVersion != 20 {
		t.Errorf("first entry = %q method %d extra %d version %d; want stored mimetype, no extra, version 20",
			first.Name, first.Method, len(first.Extra), first.ReaderVersion)
	}
	// The local header must match too: epubcheck reads bytes 26–30.
	if string(book[30:38]) != "mimetype" || book[26] != 8 || book[28] != 0 || string(book[38:58]) != "application/epub+zip" {
		t.Errorf("local header of mimetype = %q", book[:58])
	}
	var names []string
	for _, f := range zf {
		names = append(names, f.Name)
		if f.Flags&0x8 != 0 {
			t.Errorf("%s: has a data descriptor", f.Name)
		}
		base := strings.TrimSuffix(filepath.Base(f.Name), filepath.Ext(f.Name))
		if strings.Trim(base, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" && f.Name != "META-INF/container.xml" {
			t.Errorf("%s: file name outside [a-z0-9-]", f.Name)
		}
	}
	want := "mimetype META-INF/container.xml EPUB/package.opf EPUB/nav.xhtml EPUB/article-001.xhtml EPUB/style.css"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("entries = %s\nwant %s", got, want)
	}
	opf := files["EPUB/package.opf"]
	for _, s := range []string{
		`version="3.0"`,
		`<dc:language>fa</dc:language>`,
		`<meta property="dcterms:modified">2026-05-20T09:30:00Z</meta>`,
		`page-progression-direction="rtl"`,
		`properties="nav"`,
		`<dc:identifier id="uid">urn:uuid:`,
		`<dc:title xml:lang="fa" dir="rtl">`,
	} {
		if !strings.Contains(opf, s) {
			t.Errorf("package.opf lacks %s:\n%s", s, opf)
		}
	}
	if regexp.MustCompile(`(^|[\s;{])(direction|unicode-bidi)\s*:`).MatchString(files["EPUB/style.css"]) {
		t.Error("style.css sets direction or unicode-bidi, which EPUB forbids")
	}
}

func TestReproducible(t *testing.T) {
	b := func() *exporters.Briefing {
		var docs []*pipeline.Document
		for _, n := range []string{"seed", "en", "az", "ru", "fa"} {
			docs = append(docs, load(t, n))
		}
		return &exporters.Briefing{Title: "Batch", Documents: docs, Index: loadIndex(t), Created: created}
	}
	one, two := export(t, b()), export(t, b())
	if !bytes.Equal(one, two) {
		t.Fatal("two runs with the same Created differ")
	}
	later := b()
	later.Created = created.Add(48 * time.Hour)
	_, f1 := entries(t, one)
	_, f2 := entries(t, export(t, later))
	id := func(opf string) string {
		i := strings.Index(opf, "urn:uuid:")
		return opf[i : i+len("urn:uuid:")+36]
	}
	if id(f1["EPUB/package.opf"]) != id(f2["EPUB/package.opf"]) {
		t.Error("identifier changed with Created; it should follow the content only")
	}
	changed := b()
	changed.Documents[1].Blocks[0].Text += " More."
	_, f3 := entries(t, export(t, changed))
	if id(f1["EPUB/package.opf"]) == id(f3["EPUB/package.opf"]) {
		t.Error("identifier did not change with the text")
	}
}

func TestBatchLayout(t *testing.T) {
	var docs []*pipeline.Document
	for _, n := range []string{"seed", "en", "az", "ru", "fa"} {
		docs = append(docs, load(t, n))
	}
	_, files := entries(t, export(t, &exporters.Briefing{Title: "Batch", Documents: docs, Index: loadIndex(t), Created: created}))
	opf := files["EPUB/package.opf"]
	spine := opf[strings.Index(opf, "<spine"):]
	var order []string
	for _, part := range strings.Split(spine, `idref="`)[1:] {
		order = append(order, part[:strings.IndexByte(part, '"')])
	}
	want := "title-page nav article-001 article-002 article-003 article-004 article-005 names"
	if got := strings.Join(order, " "); got != want {
		t.Errorf("spine = %s\nwant %s", got, want)
	}
	if strings.Contains(spine, "page-progression-direction") {
		t.Error("mixed-direction batch has a page progression direction")
	}
	nav := files["EPUB/nav.xhtml"]
	for _, s := range []string{`epub:type="toc"`, `href="article-001.xhtml#article-1-h3"`, `href="names.xhtml#names"`, `href="title.xhtml"`} {
		if !strings.Contains(nav, s) {
			t.Errorf("nav.xhtml lacks %s", s)
		}
	}
	if !strings.Contains(files["EPUB/names.xhtml"], `href="article-005.xhtml"`) {
		t.Error("names index does not link the Persian article")
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name     string
		briefing *exporters.Briefing
		want     string
	}{
		{"nil briefing", nil, "no briefing"},
		{"no documents", &exporters.Briefing{}, "no documents"},
		{"nil document", &exporters.Briefing{Documents: []*pipeline.Document{hostile(), nil}}, "document 2: document is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := epub.New().Export(context.Background(), &buf, tt.briefing)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := epub.New().Export(ctx, &bytes.Buffer{}, single(hostile())); err == nil {
		t.Error("export with a cancelled context succeeded")
	}
}
