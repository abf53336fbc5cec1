package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/exportertest"
	"github.com/dossier-news/dossier/internal/testtool"
	"github.com/dossier-news/dossier/pipeline"
)

var keep = flag.String("keep", "", "write the sample PDF to this file, to look at")

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(testtool.Need(t, name), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out)
}

func export(t testing.TB, e *Exporter, b *exporters.Briefing) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := e.Export(context.Background(), &buf, b); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return buf.Bytes()
}

func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func pdftotext(t *testing.T, out []byte) string {
	t.Helper()
	return run(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, out), "-")
}

func TestConformance(t *testing.T) {
	exportertest.Run(t, New(Options{}), exportertest.Options{Text: func(t *testing.T, out []byte) string {
		// pdftotext wraps each left-to-right run of a right-to-left line
		// in LRE…PDF and puts the space between runs inside the
		// embedding, on the wrong side, so "۲۰۱۸ عکس" comes out as
		// "LRE ۲۰۱۸ PDF عکس". The controls mark run boundaries, which
		// here are word boundaries: read them as spaces.
		return strings.Map(func(r rune) rune {
			if r >= '\u202A' && r <= '\u202E' {
				return ' '
			}
			return r
		}, pdftotext(t, out))
	}})
}

func TestFormat(t *testing.T) {
	want := exporters.Format{Name: "pdf", Ext: ".pdf", MediaType: "application/pdf", Binary: true, Batch: true}
	if got := New(Options{}).Format(); got != want {
		t.Errorf("Format() = %+v, want %+v", got, want)
	}
}

// sample exports the sample briefing once for the tests that inspect it.
func sample(t *testing.T) (data []byte, file string) {
	t.Helper()
	data = export(t, New(Options{}), sampleBriefing())
	if *keep != "" {
		if err := os.WriteFile(*keep, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return data, writeTemp(t, data)
}

func TestQPDFCheck(t *testing.T) {
	_, file := sample(t)
	out := run(t, "qpdf", "--check", file)
	if !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

func TestFontsEmbeddedWithUnicodeMaps(t *testing.T) {
	_, file := sample(t)
	out := run(t, "pdffonts", file)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, ln := range lines[2:] {
		// name type… encoding emb sub uni object ID: read from the end,
		// since the type has spaces.
		f := strings.Fields(ln)
		if len(f) < 7 {
			t.Errorf("pdffonts line %q: too few columns", ln)
			continue
		}
		emb, uni := f[len(f)-5], f[len(f)-3]
		if emb != "yes" || uni != "yes" {
			t.Errorf("font %s: emb=%s uni=%s, want both yes", f[0], emb, uni)
		}
	}
}

func TestMetadata(t *testing.T) {
	_, file := sample(t)
	out := run(t, "pdfinfo", "-enc", "UTF-8", file)
	for _, want := range []string{
		"Title:           Azerbaijan and Iran: the spy network, 14–22 November 2022",
		"Author:          Ebrahim Ramezani, ابراهیم رمضانی, Лейла Мамедова",
		"Subject:         Briefing: 6 articles · IranWire, SGB, DTX, Armenpress",
		"Keywords:        Zahir Askarov, Elnur Rasulov, Qom",
		"Creator:         dossier",
		"Producer:        dossier",
		"CreationDate:    Sat Nov 26 12:00:00 2022 UTC",
		"ModDate:         Sat Nov 26 12:00:00 2022 UTC",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
	data, _ := sample(t)
	if !bytes.Contains(data, []byte("/Lang (en)")) {
		t.Error("catalog has no /Lang (en)")
	}
}

// normalize folds presentation forms back to letters and drops format
// controls, as text extracted from a PDF needs. pdftotext wraps each
// direction run in embedding controls and may butt runs against each
// other, so those controls become spaces.
func normalize(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
			return ' '
		case unicode.Is(unicode.Cf, r) && r != '\u200C':
			return -1
		}
		return r
	}, s)
}

func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(normalize(s)) {
		if w = strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }); w != "" {
			out[w] = true
		}
	}
	return out
}

func TestText(t *testing.T) {
	data, _ := sample(t)
	got := normalize(pdftotext(t, data))
	flat := strings.Join(strings.Fields(got), " ")
	for _, want := range []string{
		// titles, Latin, Cyrillic, Azerbaijani, Armenian
		"Azerbaijan Exposes Alleged Iranian Spy Network",
		"СГБ Азербайджана задержала граждан",
		"DTX İran xüsusi xidmət orqanları üçün casusluq edən şəxsləri saxlayıb",
		"Փաշինյանը Թեհրանում հանդիպել է Ռաիսիի հետ",
		// authors, names, index
		"Ebrahim Ramezani", "Лейла Мамедова", "Leyla Mamedova",
		"Zahir Askarov", "Zahir Əsgərov", "Захир Аскеров", "Эльнур Расулов",
		"Index of names", "Contents", "Sources",
		// the title block
		"Machine-translated from Russian by apertium (rus-eng)",
		"protected name lost: Захир Аскеров",
		"https://iranwire.com/en/politics/iranwire-2022-11-22-azerbaijan-spy-network/",
		// substitutes for signs no font has
		"500 AZN", "5000 AMD",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	if strings.ContainsRune(got, '\uFFFD') {
		t.Error("pdftotext output has U+FFFD")
	}
	// Persian comes out in visual order, so compare words.
	have := words(got)
	for _, src := range []string{persianDoc().Meta.Title, persianDoc().Blocks[0].Text, mixedLine, "ابراهیم رمضانی", "ظاهر عسگراف"} {
		for w := range words(src) {
			if !have[w] {
				t.Errorf("pdftotext output lacks the Persian word %q", w)
			}
		}
	}
}

func TestOutline(t *testing.T) {
	_, file := sample(t)
	var doc struct {
		Outlines []outline `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-key=outlines", file)), &doc); err != nil {
		t.Fatal(err)
	}
	var titles []string
	var walk func(os []outline, depth int)
	walk = func(os []outline, depth int) {
		for _, o := range os {
			titles = append(titles, strings.Repeat("  ", depth)+o.Title)
			walk(o.Kids, depth+1)
		}
	}
	walk(doc.Outlines, 0)
	got := strings.Join(titles, "\n")
	for _, want := range []string{
		"Contents",
		"Azerbaijan Exposes Alleged Iranian Spy Network\n  Iran using Religious Schools to Recruit Spies\n    Tensions on the Rise",
		"جمهوری آذربایجان از کشف شبکه جاسوسی ایران خبر داد\n  همکاری در ازای پول",
		"СГБ Азербайджана задержала граждан, сотрудничавших с иранскими спецслужбами",
		"Index of names",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("outline lacks\n%s\ngot\n%s", want, got)
		}
	}
}

type outline struct {
	Title string    `json:"title"`
	Kids  []outline `json:"kids"`
}

// drawnLines reads the text drawn on each page straight from the content
// streams: fpdf writes "BT x y Td (utf-16) Tj ET" per run. Runs are
// grouped by baseline and sorted by x, so each line reads as drawn, left
// to right, in the code points the PDF holds.
func drawnLines(t *testing.T, data []byte) []string {
	t.Helper()
	var lines []string
	for _, stream := range inflateStreams(data) {
		if !bytes.Contains(stream, []byte(" Tj ET")) {
			continue
		}
		type run struct {
			x, y float64
			s    string
		}
		var runs []run
		for _, m := range textOp.FindAllSubmatchIndex(stream, -1) {
			x, _ := strconv.ParseFloat(string(stream[m[2]:m[3]]), 64)
			y, _ := strconv.ParseFloat(string(stream[m[4]:m[5]]), 64)
			runs = append(runs, run{x, y, decodeString(stream[m[5]+len(" Td ("):])})
		}
		sort.SliceStable(runs, func(i, j int) bool {
			if runs[i].y != runs[j].y {
				return runs[i].y > runs[j].y
			}
			return runs[i].x < runs[j].x
		})
		var sb strings.Builder
		for i, r := range runs {
			if i > 0 && r.y != runs[i-1].y {
				lines = append(lines, sb.String())
				sb.Reset()
			}
			sb.WriteString(r.s)
		}
		lines = append(lines, sb.String())
	}
	return lines
}

var textOp = regexp.MustCompile(`BT (-?[0-9.]+) (-?[0-9.]+) Td \(`)

// decodeString reads an escaped PDF string up to its closing parenthesis
// and decodes it from UTF-16BE.
func decodeString(b []byte) string {
	var raw []byte
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\\' && i+1 < len(b):
			i++
			if b[i] == 'r' {
				raw = append(raw, '\r')
			} else {
				raw = append(raw, b[i])
			}
		case c == ')':
			u := make([]uint16, len(raw)/2)
			for k := range u {
				u[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
			}
			return string(utf16.Decode(u))
		default:
			raw = append(raw, c)
		}
	}
	return ""
}

func inflateStreams(data []byte) [][]byte {
	var out [][]byte
	for {
		i := bytes.Index(data, []byte("stream\n"))
		if i < 0 {
			return out
		}
		data = data[i+len("stream\n"):]
		j := bytes.Index(data, []byte("\nendstream"))
		if j < 0 {
			return out
		}
		if zr, err := zlib.NewReader(bytes.NewReader(data[:j])); err == nil {
			if b, err := io.ReadAll(zr); err == nil {
				out = append(out, b)
			}
		}
		data = data[j+len("\nendstream"):]
	}
}

// TestPersianDrawn checks the glyphs the PDF draws for the Persian sample:
// letters joined (presentation forms), words right to left, the Latin
// words and digits left to right in their place. Shaping or reordering
// that regresses fails here even though pdftotext would still find the
// words.
func TestPersianDrawn(t *testing.T) {
	data := export(t, New(Options{}), sampleBriefing())
	lines := drawnLines(t, data)
	want := map[string]string{
		// سال ۲۰۱۸ در WhatsApp و Telegram
		"mixed line": "Telegram و WhatsApp رد ۲۰۱۸ ل\uFE8E\uFEB3",
		// همکاری در ازای پول (heading)
		"heading": "ل\uFEEE\uFB58 یازا رد یر\uFE8E\uFB91\uFEE4\uFEEB",
	}
	for name, w := range want {
		if !slices.Contains(lines, w) {
			var persian []string
			for _, l := range lines {
				if strings.ContainsFunc(l, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
					persian = append(persian, l)
				}
			}
			t.Errorf("%s: no line drawn as %+q; Persian lines drawn:\n%+q", name, w, persian)
		}
	}
	// Every Persian line must be shaped: a line of several Arabic letters
	// without one presentation form means letters were left unjoined.
	for _, l := range lines {
		letters, forms := 0, 0
		for _, r := range l {
			switch {
			case r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF:
				forms++
			case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
				letters++
			}
		}
		if letters > 3 && forms == 0 {
			t.Errorf("line drawn unjoined: %+q", l)
		}
	}
}

func TestDeterministic(t *testing.T) {
	first := export(t, New(Options{}), sampleBriefing())
	second := export(t, New(Options{}), sampleBriefing())
	if !bytes.Equal(first, second) {
		t.Fatal("two exports of the same briefing differ")
	}
	single := &exporters.Briefing{Documents: []*pipeline.Document{persianDoc()}, Created: created}
	if !bytes.Equal(export(t, New(Options{}), single), export(t, New(Options{}), single)) {
		t.Fatal("two exports of one article differ")
	}
}

// TestConcurrent exports from one Exporter on several goroutines; run
// with -race.
func TestConcurrent(t *testing.T) {
	e := New(Options{})
	want := export(t, e, sampleBriefing())
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := e.Export(context.Background(), &buf, sampleBriefing()); err != nil {
				t.Error(err)
			} else if !bytes.Equal(buf.Bytes(), want) {
				t.Error("concurrent export differs")
			}
		})
	}
	wg.Wait()
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		b    *exporters.Briefing
		want error
		text string
	}{
		{"nil briefing", Options{}, nil, exporters.ErrNoDocuments, ""},
		{"no documents", Options{}, &exporters.Briefing{Title: "empty"}, exporters.ErrNoDocuments, ""},
		{"nil document", Options{}, &exporters.Briefing{Documents: []*pipeline.Document{englishDoc(), nil}}, nil, "document 2 of 2 is nil"},
		{"unknown page size", Options{PageSize: "A5"}, sampleBriefing(), nil, `page size "A5"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := New(tt.opts).Export(context.Background(), io.Discard, tt.b)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v does not wrap %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %q does not say %q", err, tt.text)
			}
		})
	}
}

// hostileDoc holds what real scrapes bring: markup, controls, emoji,
// runes beyond the BMP, signs no font has, endless words, bidi overrides.
func hostileDoc() *pipeline.Document {
	long := "https://example.com/" + strings.Repeat("a-very-long-path/", 60) + "?q=" + strings.Repeat("x", 300)
	return &pipeline.Document{
		Meta: pipeline.Meta{
			Title:   "Hostile <script>alert(1)</script> \x00\x07 title 😀 𝑥 \u202e reversed",
			Authors: []string{"A\x1bB", "😀", ""},
			Outlet:  "Outlet (with) \\backslash",
			Source:  long,
			Section: "\t",
		},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Heading, Level: 9, Text: "Heading 😀 at level nine"},
			{Kind: pipeline.Heading, Level: -1, Text: "   "},
			{Kind: pipeline.Paragraph, Text: "Markup <script>alert(\"x\")</script> stays text; prices 500 ₼ and 5000 ֏; emoji 👨‍👩‍👧 gone; 中文 not drawable."},
			{Kind: pipeline.Paragraph, Text: long},
			{Kind: pipeline.Paragraph, Text: strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 3000)},
			{Kind: pipeline.Paragraph, Text: strings.Repeat("ب", 5000)},
			{Kind: pipeline.Paragraph, Text: "bad \xff\xfe utf-8 and \r\n line \u2028 breaks \u202b\u202b\u202b unclosed"},
			{Kind: pipeline.Quote, Items: []string{"", "😀"}, Attribution: "\x00"},
			{Kind: pipeline.List, Items: nil},
			{Kind: "unknown", Text: "ignored"},
		},
		Trail: []pipeline.Provenance{{Ref: pipeline.Ref{Block: 99}, Engine: "x", Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNote, "flag on a block that is not there")}}},
	}
}

func TestHostileText(t *testing.T) {
	b := &exporters.Briefing{Title: "Hostile 😀", Documents: []*pipeline.Document{hostileDoc(), persianDoc()}, Created: created,
		Index: &pipeline.Index{Entities: []pipeline.Entity{{ID: "x", Variants: []pipeline.Variant{{Text: "😀", Count: 1}}, Mentions: []pipeline.EntityMention{{File: "nowhere.txt"}}}}}}
	data := export(t, New(Options{}), b)
	file := writeTemp(t, data)
	if out := run(t, "qpdf", "--check", file); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	got := strings.Join(strings.Fields(normalize(pdftotext(t, data))), " ")
	for _, want := range []string{"<script>alert(\"x\")</script>", "500 AZN", "5000 AMD", "Outlet (with) \\backslash", "flag on a block that is not there"} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.ContainsRune(got, '\uFFFD') {
		t.Error("text has U+FFFD")
	}
}

func TestSingleArticle(t *testing.T) {
	d := englishDoc()
	data := export(t, New(Options{PageSize: Letter}), &exporters.Briefing{Documents: []*pipeline.Document{d}, Created: created})
	file := writeTemp(t, data)
	info := run(t, "pdfinfo", file)
	if !strings.Contains(info, "Title:           "+d.Meta.Title) || !strings.Contains(info, "(letter)") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	text := run(t, "pdftotext", "-f", "1", "-l", "1", file, "-")
	if strings.Contains(text, "Contents") || !strings.Contains(text, d.Meta.Title) {
		t.Errorf("a single article should open with its title, not a cover:\n%s", text)
	}
	if !strings.Contains(text, "Page 1 of") {
		t.Errorf("no footer on page 1:\n%s", text)
	}
}

func TestContentsPageNumbers(t *testing.T) {
	data, _ := sample(t)
	file := writeTemp(t, data)
	toc := run(t, "pdftotext", "-layout", "-f", "2", "-l", "2", file, "-")
	// The first article starts on page 3, after cover and contents.
	if !regexp.MustCompile(`Azerbaijan Exposes Alleged Iranian Spy Network\s+3\n`).MatchString(toc) {
		t.Errorf("contents lack the first article on page 3:\n%s", toc)
	}
	third := strings.Join(strings.Fields(run(t, "pdftotext", "-f", "3", "-l", "3", file, "-")), " ")
	if !strings.Contains(third, "Azerbaijan Exposes Alleged Iranian Spy Network") {
		t.Errorf("page 3 does not hold the first article:\n%s", third)
	}
	info := run(t, "pdfinfo", file)
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil || !strings.Contains(third, "Page 3 of "+m[1]) {
		t.Errorf("footer of page 3 is not \"Page 3 of %v\":\n%s", m, third)
	}
}

// BenchmarkPDF100 writes a briefing of 100 articles made from the samples.
func BenchmarkPDF100(b *testing.B) {
	e := New(Options{})
	br := bigBriefing(100)
	var size int
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := e.Export(context.Background(), &buf, br); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "pdf-bytes")
	b.ReportMetric(float64(b.N*100)/b.Elapsed().Seconds(), "articles/s")
}

func TestNamesIndex(t *testing.T) {
	b := sampleBriefing()
	long := &b.Index.Entities[0]
	for _, v := range []string{"Zakhir Askerov", "Zahir Asgarov", "Zahir Askerov", "Z. Askarov", "Zaher Asgarof", "Zahir Əskərov"} {
		long.Variants = append(long.Variants, pipeline.Variant{Text: v, Count: 12})
	}
	text := normalize(pdftotext(t, export(t, New(Options{}), b)))
	lines := strings.Split(text, "\n")
	for _, v := range long.Variants {
		want := v.Text + " (" + strconv.Itoa(v.Count) + ")"
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, want) }) &&
			!strings.ContainsFunc(v.Text, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
			t.Errorf("spelling %q is broken over lines or parted from its count", want)
		}
	}
	// A batch names the articles by number and page, not by their titles
	// in every script.
	if !regexp.MustCompile(`(?m)^Articles: 1 \(p\. \d+\), 2 \(p\. \d+\), `).MatchString(text) {
		t.Errorf("index does not list articles by number and page:\n%s", text[strings.Index(text, "Index of names"):])
	}
}

// TestEnglishLabelsInRightToLeft checks, from the text runs page 1 draws,
// that the English labels of an English briefing on a Persian article read
// left to right as units ("4 min read", not "read min 4"; "Language:
// Persian") and sit on the page's right, its start side. It reads the
// content stream, not pdftotext -bbox: lines with Persian carry an
// /ActualText, which poppler reports as one box for the whole line.
func TestEnglishLabelsInRightToLeft(t *testing.T) {
	doc := exportertest.Persian()
	doc.Meta.ReadingTime = 4
	data := export(t, New(Options{}), &exporters.Briefing{Documents: []*pipeline.Document{doc}, Language: "en"})
	type box struct {
		text       string
		xMin, xMax float64
		yMin       float64
	}
	var page []byte
	for _, s := range inflateStreams(data) {
		if bytes.Contains(s, []byte(" Tj ET")) {
			page = s
			break
		}
	}
	// Word boxes from each run's origin, estimating half an em per rune
	// (the labels are set well under 12 pt): enough to order words and
	// tell the page's halves apart.
	const runeWidth = 6.0
	pageWidth := 595.28 // A4, in points
	var boxes []box
	for _, m := range textOp.FindAllSubmatchIndex(page, -1) {
		x, _ := strconv.ParseFloat(string(page[m[2]:m[3]]), 64)
		y, _ := strconv.ParseFloat(string(page[m[4]:m[5]]), 64)
		s := decodeString(page[m[5]+len(" Td ("):])
		offset := 0
		for _, w := range strings.SplitAfter(s, " ") {
			n := utf8.RuneCountInString(w)
			if word := strings.TrimSpace(w); word != "" {
				x0 := x + float64(offset)*runeWidth
				boxes = append(boxes, box{text: word, xMin: x0, xMax: x0 + float64(utf8.RuneCountInString(word))*runeWidth, yMin: -y})
			}
			offset += n
		}
	}
	find := func(t *testing.T, word string) box {
		t.Helper()
		for _, b := range boxes {
			if b.text == word {
				return b
			}
		}
		t.Fatalf("no word %q on page 1; words: %v", word, boxes)
		return box{}
	}
	tests := []struct {
		name  string
		words []string // in reading order, so left to right
	}{
		{"reading time", []string{"4", "min", "read"}},
		{"language", []string{"Language:", "Persian"}},
		// The facts line is English, with the author's name isolated in
		// it: "By <name> · November 15, 2022 · 4 min read".
		{"facts line", []string{"By", "November", "15,", "2022", "4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := find(t, tt.words[0])
			for _, w := range tt.words[1:] {
				b := find(t, w)
				if b.yMin-prev.yMin > 1 || prev.yMin-b.yMin > 1 {
					t.Errorf("%q and %q are on different lines", prev.text, w)
				}
				if b.xMin <= prev.xMin {
					t.Errorf("%q (x %.1f) is not right of %q (x %.1f): label not laid out left to right", w, b.xMin, prev.text, prev.xMin)
				}
				prev = b
			}
		})
	}
	if lang := find(t, "Persian"); pageWidth > 0 && lang.xMax < pageWidth/2 {
		t.Errorf("the language line ends at x %.1f of %.1f: want it on the right, the start side of a right-to-left article", lang.xMax, pageWidth)
	}
}

// TestPersianExtractsInLogicalOrder checks that text extraction reads
// Persian back as written: normal letters, not presentation forms, and
// whole sentences in logical order, so a reader can search and copy them.
// Lines with right-to-left script carry an /ActualText for this.
func TestPersianExtractsInLogicalOrder(t *testing.T) {
	data := export(t, New(Options{}), sampleBriefing())
	raw := pdftotext(t, data)
	// Only bidi controls are dropped and whitespace (line ends) folded:
	// no NFKC, so presentation forms would not match.
	got := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Bidi_Control, r) {
			return ' '
		}
		return r
	}, raw)), " ")
	for _, want := range []string{
		"بختیار آقازاده",
		"بختیار آقازاده نیز برای تحصیلات دینی به ایران رفته و در ازای دریافت پول با جمهوری اسلامی همکاری کرده است.",
		"همکاری در ازای پول",
		"سال ۲۰۱۸ در WhatsApp و Telegram",
		"ابراهیم رمضانی",
	} {
		// pdftotext wraps left-to-right bits ("۲۰۱۸", a full stop) in
		// LRE…PDF and may move a space inside, so spaces are compared
		// apart from the letters.
		if !strings.Contains(got, want) && !strings.Contains(tight(got), tight(want)) {
			t.Errorf("pdftotext output lacks %q in logical order", want)
		}
	}
	if !strings.Contains(got, "بختیار آقازاده") {
		t.Error("pdftotext output lacks the name \"بختیار آقازاده\" as two words")
	}
	if strings.ContainsFunc(raw, func(r rune) bool { return r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF }) {
		t.Error("pdftotext output has Arabic presentation forms")
	}
}

func tight(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
