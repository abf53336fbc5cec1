package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

func stdinSource(t *testing.T) Source {
	t.Helper()
	srcs, _ := Expand([]string{"-"})
	return srcs[0]
}

// TestLimits: each bound stops its input with a LimitError naming the
// bound and where it was passed, before any reader runs.
func TestLimits(t *testing.T) {
	var manyBlocks strings.Builder
	manyBlocks.WriteString(`{"meta":{"title":"t"},"blocks":[`)
	for i := range 20 {
		if i > 0 {
			manyBlocks.WriteByte(',')
		}
		fmt.Fprintf(&manyBlocks, `{"kind":"paragraph","text":"p%d"}`, i)
	}
	manyBlocks.WriteString("]}")
	lim := Limits{Blocks: 10, Lines: 10, Links: 10, Depth: 8, String: 100}
	tests := []struct {
		name, in, bound string
	}{
		{"json long string", `{"meta":{"title":"` + strings.Repeat("x", 101) + `"},"blocks":[]}`, "string"},
		{"json long string with escapes", `{"meta":{"title":"` + strings.Repeat(`\"`, 60) + `"},"blocks":[]}`, "string"},
		{"json deep", `{"meta":{"title":"t"},"blocks":[],"x":` + strings.Repeat("[", 20) + strings.Repeat("]", 20) + `}`, "depth"},
		{"json many blocks", manyBlocks.String(), "blocks"},
		{"html many paragraphs", "<html><body>" + strings.Repeat("<p>para</p>", 11) + "</body></html>", "blocks"},
		{"html many links", "<html><body><p>" + strings.Repeat(`<a href="/x">x</a> `, 11) + "</p></body></html>", "links"},
		{"text many lines", strings.Repeat("a line of text\n\n", 11), "lines"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			read := false
			reader := func(context.Context, string, string) (*pipeline.Document, error) {
				read = true
				return &pipeline.Document{}, nil
			}
			in := &Ingester{Text: reader, HTML: reader, Limits: lim, Stdin: strings.NewReader(tc.in)}
			_, err := in.LoadAll(context.Background(), stdinSource(t))
			var le *LimitError
			if !errors.As(err, &le) || le.Bound != tc.bound || !errors.Is(err, pipeline.ErrTooLarge) {
				t.Fatalf("error = %v, want a LimitError on %s", err, tc.bound)
			}
			if read {
				t.Error("the reader ran")
			}
		})
	}
	// Within the limits, the same inputs are read.
	in := &Ingester{Text: fakeReader("text"), HTML: fakeReader("html"), Limits: lim, Stdin: strings.NewReader(strings.Repeat("a line of text\n\n", 10))}
	if _, err := in.LoadAll(context.Background(), stdinSource(t)); err != nil {
		t.Errorf("10 lines under a limit of 10: %v", err)
	}
}

// TestJSONErrorsNamed: JSON that is malformed or not a dossier document
// says so, with the position, instead of "no article text found".
func TestJSONErrorsNamed(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"trailing comma", "{\"meta\": {\"title\": \"Broken\"},\n \"blocks\": [{\"kind\": \"paragraph\", \"text\": \"x\"},]}\n", "line 2, column 48: invalid character ']'"},
		{"cut off before the keys", `{"meta": {"title": "x"`, "unexpected EOF"},
		{"another json", `{"name": "x", "items": [1, 2]}`, "not a dossier document"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := &Ingester{Text: fakeReader("text"), HTML: fakeReader("html"), Stdin: strings.NewReader(tc.in)}
			_, err := in.LoadAll(context.Background(), stdinSource(t))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want %q in it", err, tc.want)
			}
		})
	}
}

// TestDeepHTMLFlattenedWithWarning: a page nested past the parser's
// limit reaches the reader flattened, and the user is told.
func TestDeepHTMLFlattenedWithWarning(t *testing.T) {
	page := "<html><body><p>" + strings.Repeat("<b>", 100000) + "text</p></body></html>"
	var got string
	var warnings []string
	in := &Ingester{
		Text: fakeReader("text"),
		HTML: func(_ context.Context, page, _ string) (*pipeline.Document, error) {
			got = page
			return &pipeline.Document{}, nil
		},
		Warn:  func(_, msg string) { warnings = append(warnings, msg) },
		Stdin: strings.NewReader(page),
	}
	if _, err := in.LoadAll(context.Background(), stdinSource(t)); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(got, "<b>"); n > 300 || !strings.Contains(got, "text") {
		t.Errorf("the reader got %d <b> tags", n)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "deeper than the 512 the HTML parser takes") {
		t.Errorf("warnings = %q", warnings)
	}
}

// TestFileOverSizeFailsBeforeReading: a file's size is known before it is
// read; one past MaxBytes fails with both sizes named.
func TestFileOverSizeFailsBeforeReading(t *testing.T) {
	name := t.TempDir() + "/big.txt"
	if err := os.WriteFile(name, []byte(strings.Repeat("x", 2<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	srcs, _ := Expand([]string{name})
	_, err := (&Ingester{Text: fakeReader("text"), HTML: fakeReader("html"), MaxBytes: 1 << 20}).LoadAll(context.Background(), srcs[0])
	if !errors.Is(err, pipeline.ErrTooLarge) || !strings.Contains(err.Error(), "2 MiB, over 1 MiB") {
		t.Errorf("error = %v", err)
	}
}

// TestPrecheckAgreesWithDecodedCheck: the check on raw bytes fails only
// inputs the check on decoded text fails too.
func TestPrecheckAgreesWithDecodedCheck(t *testing.T) {
	lim := Limits{Lines: 1000}.withDefaults()
	for name, raw := range map[string]string{
		"many lines":           strings.Repeat("a line of text\n", 100000),
		"few long lines":       strings.Repeat(strings.Repeat("word ", 2000)+"\n", 500),
		"invisible lines":      strings.Repeat("\u200b\n", 100000) + strings.Repeat("x", 1<<20),
		"crlf lines":           strings.Repeat("a line\r\n", 100000),
		"lines of non-letters": strings.Repeat("\u00a0\u00a0\n", 100000) + strings.Repeat("x", 1<<20),
	} {
		pre := precheckText([]byte(raw), lim)
		text, err := Decode([]byte(raw), "", false)
		if err != nil {
			t.Fatal(err)
		}
		post := checkText(text, lim)
		if pre != nil && post == nil {
			t.Errorf("%s: the raw check fails (%v) what the decoded check passes", name, pre)
		}
		if name == "many lines" && pre == nil {
			t.Errorf("%s: the raw check let it through", name)
		}
	}
}
