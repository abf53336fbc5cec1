package chrome_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/exporters/epub"
	"github.com/dossier-news/dossier/exporters/pdf"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/exporters/xhtml"
	"github.com/dossier-news/dossier/internal/testtool"
	"github.com/dossier-news/dossier/pipeline"
)

// A format is an exporter and how to read its output back as text.
type format struct {
	name   string
	e      exporters.Exporter
	reader func(t *testing.T, out []byte) string
}

func formats() []format {
	return []format{
		{"pdf", pdf.New(pdf.Options{}), pdfText},
		{"xhtml", xhtml.New(), xhtmlText},
		{"epub", epub.New(), epubText},
		{"txt", text.New(text.Options{}), func(_ *testing.T, out []byte) string { return string(out) }},
	}
}

func export(t *testing.T, e exporters.Exporter, b *exporters.Briefing) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := e.Export(context.Background(), &buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdfText is pdftotext's reading of a PDF, then the values (not the
// English field names) of pdfinfo's Title, Subject, Keywords and Author,
// and "Pages: N".
func pdfText(t *testing.T, out []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		b, err := exec.Command(testtool.Need(t, args[0]), args[1:]...).Output()
		if err != nil {
			t.Fatalf("%s: %v", args[0], err)
		}
		return string(b)
	}
	var sb strings.Builder
	sb.WriteString(run("pdftotext", "-enc", "UTF-8", file, "-"))
	for _, line := range strings.Split(run("pdfinfo", "-enc", "UTF-8", file), "\n") {
		field, value, _ := strings.Cut(line, ":")
		switch field {
		case "Title", "Subject", "Keywords", "Author":
			sb.WriteString("\n" + strings.TrimSpace(value))
		}
	}
	return sb.String()
}

// pageCount reads the page count pdfinfo reports.
func pageCount(t *testing.T, out []byte) int {
	t.Helper()
	file := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command(testtool.Need(t, "pdfinfo"), file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", b)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// xmlText returns the character data and attribute values of an XML
// document, one space between elements.
func xmlText(t *testing.T, name, doc string) string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	var sb strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, a := range tok.Attr {
				if a.Name.Local == "title" || a.Name.Local == "alt" || a.Name.Local == "content" {
					sb.WriteString(" " + a.Value + " ")
				}
			}
		case xml.CharData:
			sb.Write(tok)
		}
	}
	return sb.String()
}

func xhtmlText(t *testing.T, out []byte) string { return xmlText(t, "xhtml", string(out)) }

// epubText reads every page, the navigation and the package document.
func epubText(t *testing.T, out []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") && !strings.HasSuffix(f.Name, ".opf") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		sb.WriteString(xmlText(t, f.Name, string(b)))
		sb.WriteByte('\n')
	}
	return sb.String()
}

// flat drops bidi controls (pdftotext wraps runs in them), folds
// presentation forms (NFKC) and removes white space, so that text
// compares whatever line breaks and runs a format put in it.
func flat(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u00ad' {
			return -1
		}
		return r
	}, norm.NFKC.String(s))
}

// words splits s into its words, punctuation trimmed, presentation forms
// folded and bidi controls read as spaces.
func words(s string) map[string]bool {
	out := map[string]bool{}
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Bidi_Control, r) {
			return ' '
		}
		return r
	}, norm.NFKC.String(s))
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) })
		if w != "" {
			out[w] = true
		}
	}
	return out
}

// englishChrome returns every piece of English the catalog holds — each
// message's words between its arguments — with the English month and
// language names a date or a translation note would show.
func englishChrome() []string {
	en := chrome.New("en")
	verb := regexp.MustCompile(`%(\[\d\])?[ds]`)
	var out []string
	add := func(s string) {
		s = strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
		letters := 0
		for _, r := range s {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 2 {
			out = append(out, s)
		}
	}
	for _, key := range chrome.Keys() {
		for _, n := range []int{1, 2} {
			msg := en.T(key, chrome.SampleArgs(key, n)...)
			// Cut the message at its arguments, which SampleArgs makes
			// recognisable.
			for _, part := range regexp.MustCompile(`\d+|ARG\d`).Split(msg, -1) {
				add(part)
			}
		}
		for _, part := range verb.Split(key, -1) {
			add(part)
		}
	}
	for _, m := range []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December", "English", "Azerbaijani", "Spanish", "Russian", "Persian"} {
		add(m)
	}
	return out
}

// containsWord reports whether s holds w with no letter on either side.
func containsWord(s, w string) bool {
	re := regexp.MustCompile(`(^|[^\p{L}])` + regexp.QuoteMeta(w) + `($|[^\p{L}])`)
	return re.MatchString(s)
}

// TestNoEnglishChrome renders a Spanish, a Russian and a Persian briefing
// in every format, reads each back as a reader would (pdftotext and
// pdfinfo, the XHTML's text, every page of the EPUB, the text export),
// and checks that every piece of chrome there is the catalog's
// translation and that no English from the catalog appears.
func TestNoEnglishChrome(t *testing.T) {
	english := englishChrome()
	for _, lang := range []string{"es", "ru", "fa"} {
		b := fixture(lang)
		loc := chrome.New(lang)
		d0, d1, d2 := b.Documents[0], b.Documents[1], b.Documents[2]
		label := func(key string) string { return loc.Label(loc.T(key), "") }
		checkWhere := loc.T(chrome.TranslationCheck) + " (" + loc.T(chrome.WhereStandfirst) + ")"
		common := []string{
			loc.T(chrome.IndexOfNames), loc.Flag(pipeline.NewFlag(pipeline.FlagNameLost, "Zahir Askarov")),
			label(chrome.Spellings), label(chrome.ArticlesLabel),
			label(chrome.OriginalTitle),
			loc.T(chrome.TranslatedBy, loc.LanguageName("en"), "apertium (local)"),
			loc.T(chrome.ReadingTime, 4),
			loc.T(chrome.By, 1, d0.Meta.Authors[0]),
			loc.T(chrome.By, 2, loc.Join(d1.Meta.Authors)),
			loc.Date(*d0.Meta.Published), loc.Date(*d1.Meta.Published), loc.Date(*d2.Meta.Published),
			loc.Flag(pipeline.NewFlag(pipeline.FlagNotTranslated, "apertium", "az", lang)),
			loc.T(chrome.KindPerson), loc.T(chrome.KindPlace),
		}
		want := map[string][]string{
			"pdf": append(common,
				loc.Upper(loc.T(chrome.Briefing)), loc.Day(created), loc.T(chrome.ArticleCount, 3),
				loc.T(chrome.OutletCount, 2), loc.T(chrome.LanguageCount, 3), // en, az, and lang
				loc.T(chrome.Sources), loc.T(chrome.Contents), loc.T(chrome.EntityCount, 2), loc.T(chrome.IndexNote),
				loc.Upper(loc.T(chrome.ArticleOf, 1, 3)),
				loc.T(chrome.PageAbbr, 3), loc.T(chrome.FlagsBelow, 3), checkWhere,
				loc.T(chrome.WhereItem, 2), loc.T(chrome.WhereBlock, 10),
				loc.Label(loc.T(chrome.LanguageLabel), loc.LanguageName(lang)),
				loc.T(chrome.Briefing)+": "+loc.T(chrome.ArticleCount, 3), // pdfinfo's Subject
			),
			"xhtml": append(common,
				loc.Label(loc.T(chrome.TranslationCheck), loc.Flag(pipeline.NewFlag(pipeline.FlagNameLost, "Zahir Askarov"))),
				loc.T(chrome.Briefing), loc.Day(created), loc.T(chrome.ArticleCount, 3),
				label(chrome.Sources), loc.T(chrome.Contents), label(chrome.Source), checkWhere),
			"epub": append(common,
				loc.Label(loc.T(chrome.TranslationCheck), loc.Flag(pipeline.NewFlag(pipeline.FlagNameLost, "Zahir Askarov"))),
				loc.T(chrome.Briefing), loc.Day(created), loc.T(chrome.ArticleCount, 3),
				label(chrome.Sources), loc.T(chrome.Contents), loc.T(chrome.TitlePage), label(chrome.Source), checkWhere),
			"txt": append(common,
				loc.Label(loc.T(chrome.TranslationCheck), loc.Flag(pipeline.NewFlag(pipeline.FlagNameLost, "Zahir Askarov"))),
				loc.T(chrome.Briefing), loc.Day(created), loc.T(chrome.ArticleCount, 3),
				label(chrome.Source), label(chrome.Published), label(chrome.Section),
				loc.Label(loc.T(chrome.LanguageLabel), loc.LanguageName(lang))),
		}
		for _, f := range formats() {
			t.Run(lang+"/"+f.name, func(t *testing.T) {
				out := export(t, f.e, b)
				got := f.reader(t, out)
				wants := want[f.name]
				if f.name == "pdf" {
					wants = append(wants, loc.T(chrome.PageOf, 2, pageCount(t, out))) // the cover has no footer
				}
				fg, have := flat(got), words(got)
				for _, w := range wants {
					if strings.Contains(fg, flat(w)) {
						continue
					}
					// pdftotext reorders a right-to-left line around its
					// runs of digits ("۲۶ نوامبر ۲۰۲۲ · ۳ مقاله" comes out
					// with "۳ · ۲۰۲۲" swapped), so there only words count.
					if f.name == "pdf" && loc.Direction() == pipeline.RightToLeft {
						missing := false
						for w := range words(w) {
							missing = missing || !have[w]
						}
						if !missing {
							continue
						}
					}
					t.Errorf("lacks the chrome %q", w)
				}
				for _, w := range english {
					if containsWord(got, w) {
						t.Errorf("holds the English chrome %q", w)
					}
				}
				if t.Failed() && testing.Verbose() {
					t.Logf("output read back:\n%s", got)
				}
			})
		}
	}
}

// TestNoInputPaths checks that no output — the text a reader sees and
// every byte of the files themselves — shows the folders the inputs came
// from; a shared briefing must not expose the analyst's disk. Sources
// show as their file name alone.
func TestNoInputPaths(t *testing.T) {
	b := fixture("es")
	for _, f := range formats() {
		t.Run(f.name, func(t *testing.T) {
			out := export(t, f.e, b)
			got := f.reader(t, out)
			raw := string(out)
			if f.name == "epub" {
				raw = epubText(t, out) // the pages, uncompressed
			}
			for _, folder := range inputFolders {
				if strings.Contains(got, folder) || strings.Contains(raw, folder) {
					t.Errorf("output shows the input folder %q", folder)
				}
			}
			if f.name == "pdf" || f.name == "txt" { // formats that name the file
				for _, name := range []string{"az-dtx-2022-11-14.txt", "local-2022-11-15.html"} {
					if !strings.Contains(flat(got), flat(name)) {
						t.Errorf("output lacks the source file name %q", name)
					}
				}
			}
		})
	}
}
