package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/pipeline"
)

func utf16(t *testing.T, s string, e xunicode.Endianness) []byte {
	t.Helper()
	b, err := xunicode.UTF16(e, xunicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	cp1251, _ := charmap.Windows1251.NewEncoder().String("<html><head><meta charset=\"windows-1251\"></head><body><p>Бахтияр Агазаде</p></body></html>")
	tests := []struct {
		name  string
		in    []byte
		ct    string
		lossy bool
		want  string
		err   error
	}{
		{"plain utf-8", []byte("Baxtiyar Ağazadə\n"), "", false, "Baxtiyar Ağazadə\n", nil},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, "Захир"...), "", false, "Захир", nil},
		{"utf-16 le bom", utf16(t, "بختیار آقازاده", xunicode.LittleEndian), "", false, "بختیار آقازاده", nil},
		{"utf-16 be bom", utf16(t, "Zahir Əsgərov", xunicode.BigEndian), "", false, "Zahir Əsgərov", nil},
		{"crlf and lone cr", []byte("one\r\ntwo\rthree"), "", false, "one\ntwo\nthree", nil},
		{"nfd becomes nfc", []byte("Ag\u0306azade\u0301"), "", false, norm.NFC.String("Ag\u0306azade\u0301"), nil},
		{"bidi override removed", []byte("abc\u202edef\u202c ghi\u2067x\u2069"), "", false, "abcdef ghix", nil},
		{"zwnj kept", []byte("رسول\u200cاف"), "", false, "رسول\u200cاف", nil},
		{"zero width space and soft hyphen removed", []byte("Ra\u200bsu\u00adlov"), "", false, "Rasulov", nil},
		{"nbsp becomes space", []byte("14\u00a0ноября"), "", false, "14 ноября", nil},
		{"html declared charset", []byte(cp1251), "", false, "Бахтияр Агазаде", nil},
		{"invalid utf-8", []byte("good text \xff\xfe bad"), "", false, "", pipeline.ErrNotText},
		{"invalid utf-8 lossy", []byte("good \xff bad"), "", true, "good \uFFFD bad", nil},
		{"latin-1 page lossy", []byte("Caf\xe9 au lait is served in the old town of Baku every morning."), "", true, "Caf\uFFFD au lait", nil},
		{"binary lossy", binaryNoise(4096), "", true, "", pipeline.ErrNotText},
		{"control soup lossy", []byte(strings.Repeat("\x01\x02\x03a", 50)), "", true, "", pipeline.ErrNotText},
		{"nul byte", []byte("PK\x03\x04\x00\x00binary"), "", false, "", pipeline.ErrNotText},
		{"control soup", []byte(strings.Repeat("\x01\x02\x03a", 50)), "", false, "", pipeline.ErrNotText},
		{"empty", nil, "", false, "", pipeline.ErrEmpty},
		{"only white space", []byte(" \n\t\r\n"), "", false, "", pipeline.ErrEmpty},
		{"only invisible", []byte("\u200b\u202e\n"), "", false, "", pipeline.ErrEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(tc.in, tc.ct, tc.lossy)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("Decode error = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("Decode = %q, want %q", got, tc.want)
			}
		})
	}
}

// binaryNoise returns n bytes of deterministic noise, as a compressed or
// encrypted file holds.
func binaryNoise(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

func TestDecodeNamesOffset(t *testing.T) {
	_, err := Decode([]byte("0123456789\xc3"), "", false)
	if err == nil || !strings.Contains(err.Error(), "byte 10") {
		t.Errorf("error %v should name byte 10", err)
	}
}

func TestDetectKind(t *testing.T) {
	tests := []struct {
		name, in, ct string
		want         Kind
	}{
		{"raw scrape", "close button\nPolitics\nAzerbaijan Exposes…", "", KindText},
		{"html page", "<!DOCTYPE html><html><body><p>x</p></body></html>", "", KindHTML},
		{"html fragment", "<div class=\"article\"><p>x</p></div>", "", KindHTML},
		{"text quoting a tag", "He typed <p> into the form.", "", KindText},
		{"content type says html", "just words", "text/html; charset=utf-8", KindHTML},
		{"model json", `{"meta":{"title":"x"},"blocks":[]}`, "", KindJSON},
		{"other json is json", `{"foo":1}`, "", KindJSON},
		{"malformed json is json", `{"meta": {"title": "x"},]`, "", KindJSON},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectKind(tc.in, tc.ct); got != tc.want {
				t.Errorf("DetectKind = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.txt", "b.html", "c.json", "skip.png", ".hidden.txt", "sub/d.txt"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	if err := os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "link.text")); err != nil {
		t.Fatal(err)
	}
	srcs, errs := Expand([]string{
		dir, filepath.Join(dir, "*.txt"), "-", "https://example.org/a", filepath.Join(dir, "missing.txt"),
		filepath.Join(dir, "*.nomatch"), "http://",
		// the same files again, spelt otherwise
		dir + "/./a.txt", filepath.Join(dir, "sub") + "/../b.html", "-",
	})
	var names []string
	for _, s := range srcs {
		names = append(names, strings.TrimPrefix(s.Name, dir+"/"))
	}
	want := "a.txt|b.html|c.json|sub/d.txt|standard input|https://example.org/a"
	if strings.Join(names, "|") != want {
		t.Errorf("sources = %q, want %q", strings.Join(names, "|"), want)
	}
	if len(errs) != 3 {
		t.Errorf("errors = %v, want 3 (missing file, glob without match, bad URL)", errs)
	}
}

func fakeReader(kind string) Reader {
	return func(_ context.Context, text, source string) (*pipeline.Document, error) {
		return &pipeline.Document{Meta: pipeline.Meta{Title: kind + ":" + strings.TrimSpace(text)[:min(5, len(strings.TrimSpace(text)))]}}, nil
	}
}

func TestLoadURL(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body><p>Hello</p></body></html>"))
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG"))
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(strings.Repeat("a", 5000)))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusNotFound) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	in := &Ingester{Text: fakeReader("text"), HTML: fakeReader("html"), MaxBytes: 4096}
	ctx := context.Background()
	doc, err := in.Load(ctx, Source{Name: srv.URL + "/article", kind: fromURL})
	if err != nil || doc.Meta.Title != "html:<html" || doc.Meta.Source != srv.URL+"/article" {
		t.Errorf("html page: %+v, %v", doc, err)
	}
	for path, want := range map[string]string{
		"/image": "content type", "/huge": "input too large", "/gone": "404", "/loop": "redirect",
	} {
		_, err := in.Load(ctx, Source{Name: srv.URL + path, kind: fromURL})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one mentioning %q", path, err, want)
		}
	}
	srv.Close()
	_, err = in.Load(ctx, Source{Name: srv.URL + "/article", kind: fromURL})
	var fe *FetchError
	switch {
	case !errors.As(err, &fe):
		t.Errorf("dead endpoint: error %v, want a *FetchError", err)
	case strings.Contains(err.Error(), srv.URL):
		t.Errorf("dead endpoint: error %q repeats the URL the caller names", err)
	case fe.Hint() == "":
		t.Error("dead endpoint: no hint")
	}
}

func TestLoadAllJSONStream(t *testing.T) {
	doc := func(title string) string {
		return `{"meta":{"title":"` + title + `","language":"en"},"blocks":[{"kind":"paragraph","text":"Text of ` + title + `."}]}`
	}
	tests := []struct {
		name    string
		in      string
		titles  string
		errWant string
	}{
		{"one document", doc("a"), "a", ""},
		{"stream, as clean prints it", doc("a") + "\n" + doc("b") + "\n\n" + doc("c") + "\n", "a|b|c", ""},
		{"stream without separators", doc("a") + doc("b"), "a|b", ""},
		{"malformed second value", doc("a") + "\n{\"meta\": oops}", "a", "document 2: line 2, column 10: invalid character 'o'"},
		{"syntax error says what was not read", doc("a") + "\n{\"meta\": oops}\n" + doc("c"), "a", "document 2: line 2, column 10: invalid character 'o' looking for beginning of value; documents after 2 were not read"},
		{"invalid third document, fourth still read", doc("a") + doc("b") + `{"meta":{},"blocks":[{"kind":"table"}]}` + doc("d"), "a|b|d", `document 3: block 0: unknown kind "table"`},
		{"wrong type in the middle, rest still read", doc("a") + "\n" + `{"meta":"oops","blocks":[]}` + "\n" + doc("c") + "\n" + doc("d"), "a|c|d", "dossier json: document 2: field meta: want an object, got a string"},
		{"every bad value recorded", `{"meta":{"title":5},"blocks":[]}` + doc("b") + `[1]` + doc("d"), "b|d", "dossier json: document 1: field meta.title: want a string, got a number; document 3: want an object, got an array"},
		{"nested field path without Go names", doc("a") + `{"meta":{},"blocks":[],"mentions":[{"block":1.5,"start":0,"end":0,"text":""}]}` + doc("c"), "a|c", "document 2: field mentions.block: want a whole number, got the number 1.5"},
		{"bad date, rest still read", doc("a") + `{"meta":{"published":"yesterday"},"blocks":[]}` + doc("c"), "a|c", `document 2: date "yesterday": want YYYY-MM-DD`},
		{"bad span, rest still read", doc("a") + `{"meta":{},"blocks":[{"kind":"paragraph","text":"Zahir"}],"mentions":[{"block":0,"start":0,"end":99,"text":"Zahir"}]}` + doc("c"), "a|c", "document 2: mention 0"},
		{"one value of the wrong type is not numbered", `{"meta":[],"blocks":[]}`, "", "dossier json: field meta: want an object, got an array"},
		{"cut off", doc("a") + "\n" + doc("b")[:20], "a", "document 2: the input ends inside this value (unexpected EOF); documents after 2 were not read"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := &Ingester{Text: fakeReader("text"), HTML: fakeReader("html"), Stdin: strings.NewReader(tc.in)}
			docs, err := in.LoadAll(context.Background(), Source{Name: StdinName, kind: fromStdin})
			var titles []string
			for _, d := range docs {
				titles = append(titles, d.Meta.Title)
			}
			if got := strings.Join(titles, "|"); got != tc.titles {
				t.Errorf("titles %q, want %q", got, tc.titles)
			}
			switch {
			case tc.errWant == "" && err != nil:
				t.Errorf("error %v", err)
			case tc.errWant != "" && (err == nil || !strings.Contains(err.Error(), tc.errWant)):
				t.Errorf("error %v, want one containing %q", err, tc.errWant)
			case err != nil && strings.Contains(err.Error(), "Go "):
				t.Errorf("error %q speaks of Go types, not JSON", err)
			}
			if tc.errWant == "" && len(docs) > 1 {
				if _, err := (&Ingester{Stdin: strings.NewReader(tc.in)}).Load(context.Background(), Source{Name: StdinName, kind: fromStdin}); err == nil {
					t.Error("Load of a stream: want an error (LoadAll reads streams)")
				}
			}
		})
	}
}

// TestJSONStreamErrorsKept: each bad value is a *DocumentError the caller
// can find with errors.As, numbered by its place in the stream.
func TestJSONStreamErrorsKept(t *testing.T) {
	in := &Ingester{Text: fakeReader("text"), HTML: fakeReader("html"), Stdin: strings.NewReader(
		`{"meta":{"title":"a"},"blocks":[]} 7 {"meta":{"title":"c"},"blocks":[]} {"blocks":[{"kind":"x"}]} {`)}
	docs, err := in.LoadAll(context.Background(), Source{Name: StdinName, kind: fromStdin})
	if len(docs) != 2 || docs[0].Meta.Title != "a" || docs[1].Meta.Title != "c" {
		t.Fatalf("got %d documents, want a and c", len(docs))
	}
	var multi interface{ Unwrap() []error }
	if !errors.As(err, &multi) {
		t.Fatalf("error %v: want every bad value kept", err)
	}
	var got []string
	for _, e := range multi.Unwrap() {
		var de *DocumentError
		if !errors.As(e, &de) {
			t.Fatalf("%v: not a *DocumentError", e)
		}
		got = append(got, fmt.Sprintf("%d:%t", de.N, de.Stopped))
	}
	if want := "2:false 4:false 5:true"; strings.Join(got, " ") != want {
		t.Errorf("bad values %q, want %q", strings.Join(got, " "), want)
	}
}

func TestStdinSource(t *testing.T) {
	in := &Ingester{Text: fakeReader("text"), HTML: fakeReader("html"), Stdin: strings.NewReader("Some text that is read from standard input.")}
	srcs, _ := Expand([]string{"-"})
	doc, err := in.Load(context.Background(), srcs[0])
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Source != "standard input" {
		t.Errorf("Meta.Source = %q, want %q", doc.Meta.Source, "standard input")
	}
}

func TestLoadJSONValidates(t *testing.T) {
	in := &Ingester{Text: fakeReader("text"), HTML: fakeReader("html"), Stdin: strings.NewReader(
		`{"meta":{"title":"t"},"blocks":[{"kind":"paragraph","text":"Zahir Askarov"}],"mentions":[{"block":0,"start":0,"end":99,"text":"Zahir"}]}`)}
	if _, err := in.Load(context.Background(), Source{Name: "-", kind: fromStdin}); err == nil || !strings.Contains(err.Error(), "mention 0") {
		t.Errorf("bad span: error %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/articles/*.txt")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Add([]byte("\xff\xfe\x00a"))
	f.Add([]byte("a\u202eb"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Decode(b, "", false)
		if err != nil {
			return
		}
		if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
			t.Fatalf("Decode accepted and returned invalid or non-NFC text %q", s)
		}
		for _, r := range s {
			if r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
				t.Fatalf("bidi control %U survived", r)
			}
		}
	})
}

func TestLoadJSONTidies(t *testing.T) {
	in := &Ingester{Text: fakeReader("text"), HTML: fakeReader("html"), Stdin: strings.NewReader(
		`{"meta":{"title":"A\u202eB"},"blocks":[{"kind":"paragraph","text":"Ag\u0306azade"}]}`)}
	doc, err := in.Load(context.Background(), Source{Name: "-", kind: fromStdin})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Title != "AB" || doc.Blocks[0].Text != "Ağazade" {
		t.Errorf("title %q, text %q: want bidi controls removed and NFC", doc.Meta.Title, doc.Blocks[0].Text)
	}
}

// TestStreamPlaces: documents of a JSON stream are known by their place
// in it, also after a bad value was skipped.
func TestStreamPlaces(t *testing.T) {
	bad := badDocuments(fmt.Errorf("s.json: %w", errors.Join(
		&DocumentError{N: 2, Err: errors.New("field meta: want an object")},
		&DocumentError{N: 4, Err: errors.New("invalid character"), Stopped: true})))
	if !bad[2] || !bad[4] || len(bad) != 2 {
		t.Errorf("badDocuments = %v, want places 2 and 4", bad)
	}
	if got := badDocuments(nil); len(got) != 0 {
		t.Errorf("badDocuments(nil) = %v", got)
	}
	dir := t.TempDir()
	stream := filepath.Join(dir, "s.json")
	if err := os.WriteFile(stream, []byte(`{"meta":{"title":"One","language":"en"},"blocks":[{"kind":"paragraph","text":"First article."}]}
{"meta":"bad","blocks":[]}
{"meta":{"title":"Three","language":"en"},"blocks":[{"kind":"paragraph","text":"Third article."}]}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	srcs := (&Ingester{}).Sources([]string{stream, filepath.Join(dir, "missing.txt")}, ExpandOptions{})
	var names []string
	for _, s := range srcs {
		for _, r := range s.Load(context.Background()) {
			names = append(names, strings.TrimPrefix(r.Name, dir+string(filepath.Separator)))
		}
	}
	if want := []string{"", "s.json (document 1)", "s.json (document 3)", "s.json"}; !slices.Equal(names, want) {
		t.Errorf("names %q, want %q", names, want)
	}
}
