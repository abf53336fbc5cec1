// Package enginetest holds the test material and checks the cloud
// engines' own tests share: a sample article with its names protected,
// the answer a faithful engine over the fake gives, and checks of kept
// spans and error classes. Start with Article.
package enginetest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/internal/fake"
)

// names are protected wherever they occur in the test material; Stone,
// Rose and White are also dictionary words the fake would translate.
var names = []string{
	"Zahir Askarov", "Askarov", "Bakhtiyar Aghazadh", "Elnur Rasulov", "Aref Rasulov",
	"Jafarzadeh Mirhafiz", "Mirhafiz", "Ilham Aliyev", "Aliyev", "Nikol Pashinyan",
	"Ebrahim Raisi", "Hassan Rouhani", "Roger Stone", "Rose White",
}

// Article returns the paragraphs of a sample article as segments, with a
// Keep span on every name, plus a few paragraphs of our own with names that
// are dictionary words, markup-like text and a name given another form.
func Article(t testing.TB) []translate.Segment {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "articles", "iranwire-2022-11-22-azerbaijan-spy-network.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var segs []translate.Segment
	for _, line := range strings.Split(string(raw), "\n") {
		if line = strings.TrimSpace(line); len(line) > 120 {
			segs = append(segs, ProtectNames(line))
		}
	}
	segs = append(segs,
		ProtectNames("Roger Stone met Rose White in Baku; the stone was white & the rose <red>."),
		ProtectNames("“It’s 5 > 3,” said Askarov, citing O'Brien & Sons at 10:00."),
		translate.Segment{
			Text: "Zahir Asgarov, the ship captain, was arrested.",
			Keep: []translate.Keep{{Start: 0, End: len("Zahir Asgarov"), As: "Zahir Askarov"}},
		},
	)
	return segs
}

// ProtectNames marks every occurrence of a known name, longest first.
func ProtectNames(text string) translate.Segment {
	seg := translate.Segment{Text: text}
	taken := make([]bool, len(text))
	byLength := append([]string(nil), names...)
	sort.SliceStable(byLength, func(i, j int) bool { return len(byLength[i]) > len(byLength[j]) })
	for _, name := range byLength {
		for from := 0; ; {
			i := strings.Index(text[from:], name)
			if i < 0 {
				break
			}
			start, end := from+i, from+i+len(name)
			from = end
			free := true
			for p := start; p < end; p++ {
				free = free && !taken[p]
			}
			if !free {
				continue
			}
			for p := start; p < end; p++ {
				taken[p] = true
			}
			seg.Keep = append(seg.Keep, translate.Keep{Start: start, End: end})
		}
	}
	sort.Slice(seg.Keep, func(i, j int) bool { return seg.Keep[i].Start < seg.Keep[j].Start })
	return seg
}

// Expected is what a faithful engine over the fake returns for seg: the
// text between Keep spans translated by fake, each span as its As.
func Expected(seg translate.Segment, fake func(string) string) string {
	var b strings.Builder
	pos := 0
	for _, k := range seg.Keep {
		b.WriteString(fake(seg.Text[pos:k.Start]))
		as := k.As
		if as == "" {
			as = seg.Text[k.Start:k.End]
		}
		b.WriteString(as)
		pos = k.End
	}
	b.WriteString(fake(seg.Text[pos:]))
	return b.String()
}

// CheckKept fails unless every Keep span of in comes back in out where
// out's Keep spans say, as its As.
func CheckKept(t testing.TB, in, out translate.Segment) {
	t.Helper()
	if len(out.Keep) != len(in.Keep) {
		t.Errorf("%q: %d keep spans back, want %d", out.Text, len(out.Keep), len(in.Keep))
	}
	for _, k := range out.Keep {
		if k.Start < 0 || k.End > len(out.Text) || k.Start > k.End {
			t.Errorf("%q: keep span [%d,%d) out of range", out.Text, k.Start, k.End)
			continue
		}
		if got := out.Text[k.Start:k.End]; got != k.As {
			t.Errorf("%q: keep span [%d,%d) holds %q, want %q", out.Text, k.Start, k.End, got, k.As)
		}
	}
}

// CheckClass fails unless err is of class alone, carries the Retry-After
// wish after (none when zero), mentions message and hides secret.
func CheckClass(t testing.TB, err, class error, after time.Duration, message, secret string) {
	t.Helper()
	if !errors.Is(err, class) {
		t.Fatalf("error %v, want %v", err, class)
	}
	for _, other := range []error{translate.ErrRetry, translate.ErrFatal, translate.ErrTooLarge, translate.ErrTruncated, translate.ErrUnsupportedPair} {
		if other != class && errors.Is(err, other) {
			t.Errorf("error %v is also %v", err, other)
		}
	}
	var ra *translate.RetryAfterError
	switch {
	case after == 0 && errors.As(err, &ra):
		t.Errorf("error %v carries a Retry-After it was not sent", err)
	case after != 0 && !errors.As(err, &ra):
		t.Errorf("error %v lacks Retry-After %s", err, after)
	case after != 0 && (ra.After > after || ra.After < after-2*time.Second):
		t.Errorf("retry after %s, want %s", ra.After, after)
	}
	if !strings.Contains(err.Error(), message) {
		t.Errorf("error %q lacks %q", err, message)
	}
	if secret != "" && strings.Contains(err.Error(), secret) {
		t.Errorf("error %q contains the key", err)
	}
}

// TranslateArticle sends Article through tr from English to Spanish in one
// call and checks each segment against what a faithful engine over fake
// returns, with its kept spans.
func TranslateArticle(t *testing.T, tr translate.Translator, fake func(string) string) {
	t.Helper()
	segs := Article(t)
	got, err := tr.Translate(context.Background(), language.English, language.Spanish, segs)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(segs) {
		t.Fatalf("%d segments back, want %d", len(got), len(segs))
	}
	for i := range segs {
		if want := Expected(segs[i], fake); got[i].Text != want {
			t.Errorf("segment %d:\n got %q\nwant %q", i, got[i].Text, want)
		}
		CheckKept(t, segs[i], got[i])
	}
}

// A ProtectionCase is one segment sent alone, with text its translation
// must and must not contain.
type ProtectionCase struct {
	Name        string
	Seg         translate.Segment
	Wants, Nots []string
}

// Protection runs the cases every engine over its fake passes (names
// unprotected are translated, protected ones come back verbatim, a
// canonical form replaces its span) and then extra ones of its own.
func Protection(t *testing.T, tr translate.Translator, extra ...ProtectionCase) {
	text := "Roger Stone met Bakhtiyar Aghazadh."
	cases := append([]ProtectionCase{
		{"unprotected dictionary name is translated", translate.Segment{Text: text},
			[]string{"~Roger Piedra", "~Bakhtiyar ~Aghazadh"}, []string{"Roger Stone"}},
		{"protected names come back verbatim", ProtectNames(text),
			[]string{"Roger Stone", "Bakhtiyar Aghazadh"}, []string{"Piedra", "~Bakhtiyar", "<"}},
		{"canonical form replaces the span", translate.Segment{Text: "Zahir Asgarov spoke.", Keep: []translate.Keep{{Start: 0, End: 13, As: "Zahir Askarov"}}},
			[]string{"Zahir Askarov ~spoke."}, []string{"Asgarov"}},
	}, extra...)
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			got, err := tr.Translate(context.Background(), language.English, language.Spanish, []translate.Segment{tc.Seg})
			if err != nil {
				t.Fatal(err)
			}
			CheckContains(t, got[0].Text, tc.Wants, tc.Nots)
			CheckKept(t, tc.Seg, got[0])
		})
	}
}

// BadKeepSpans sends requests whose second segment has Keep spans no
// markup can carry, and checks that tr refuses that segment alone (a
// translate.SegmentError of class ErrBadSegment, not ErrFatal) without
// sending anything; sent counts the requests its fake server received.
func BadKeepSpans(t *testing.T, tr translate.Translator, sent func() int) {
	cases := []struct {
		name string
		keep []translate.Keep
	}{
		{"past the end", []translate.Keep{{Start: 3, End: 99}}},
		{"reversed", []translate.Keep{{Start: 4, End: 2}}},
		{"overlapping", []translate.Keep{{Start: 0, End: 5}, {Start: 3, End: 8}}},
		{"inside a character", []translate.Keep{{Start: 1, End: 3}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			segs := []translate.Segment{{Text: "Fine words."}, {Text: "éllo wörld", Keep: tc.keep}}
			_, err := tr.Translate(context.Background(), language.English, language.Spanish, segs)
			var se *translate.SegmentError
			if !errors.As(err, &se) || se.Index != 1 || !strings.Contains(err.Error(), "segment 1: keep span") {
				t.Fatalf("error %v, want a SegmentError naming segment 1 and its keep span", err)
			}
			if !errors.Is(err, translate.ErrBadSegment) || errors.Is(err, translate.ErrFatal) {
				t.Errorf("error %v: want class ErrBadSegment, not ErrFatal", err)
			}
		})
	}
	if n := sent(); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

// Benchmark translates Article through tr, English to Spanish, once per
// iteration.
func Benchmark(b *testing.B, tr translate.Translator) {
	segs := Article(b)
	size := 0
	for _, s := range segs {
		size += len(s.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tr.Translate(context.Background(), language.English, language.Spanish, segs); err != nil {
			b.Fatal(err)
		}
	}
}

// CheckContains fails unless text contains every one of wants and none
// of nots.
func CheckContains(t testing.TB, text string, wants, nots []string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%q lacks %q", text, w)
		}
	}
	for _, n := range nots {
		if strings.Contains(text, n) {
			t.Errorf("%q contains %q", text, n)
		}
	}
}

// FailsAs sends segs through tr, from English to to (Spanish when to is
// undetermined), and checks the error with CheckClass. When retry is set
// and the error is ErrRetry, the next request must go through: a
// transient failure passes.
func FailsAs(t testing.TB, tr translate.Translator, to language.Tag, segs []translate.Segment, class error, after time.Duration, message, secret string, retry bool) error {
	t.Helper()
	if to == language.Und {
		to = language.Spanish
	}
	_, err := tr.Translate(context.Background(), language.English, to, segs)
	CheckClass(t, err, class, after, message, secret)
	if retry && errors.Is(err, translate.ErrRetry) {
		if _, err := tr.Translate(context.Background(), language.English, to, segs); err != nil {
			t.Errorf("retry: %v", err)
		}
	}
	return err
}

// Fill returns protected copies of para, as many as fit in maxSegments
// segments of maxSize bytes in all: a request at an engine's limits.
func Fill(para string, maxSegments, maxSize int) []translate.Segment {
	var full []translate.Segment
	for size := len(para); size <= maxSize && len(full) < maxSegments; size += len(para) {
		full = append(full, ProtectNames(para))
	}
	return full
}

// A TooLargeCase is a request an engine refuses as ErrTooLarge, after
// Sent requests reached its server.
type TooLargeCase struct {
	Name string
	Segs []translate.Segment
	Sent int
}

// TooLarge sends each case through tr and checks that it fails with
// ErrTooLarge after sending as many requests as it says; sent counts the
// requests the fake server received.
func TooLarge(t *testing.T, tr translate.Translator, sent func() int, cases []TooLargeCase) {
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			before := sent()
			_, err := tr.Translate(context.Background(), language.English, language.Spanish, tc.Segs)
			if !errors.Is(err, translate.ErrTooLarge) {
				t.Errorf("error %v, want ErrTooLarge", err)
			}
			if n := sent() - before; n != tc.Sent {
				t.Errorf("%d requests sent, want %d", n, tc.Sent)
			}
		})
	}
}

// MinuteWindow sends segs through tr three times: the first must go
// through, the second (in the same minute) fail with ErrRetry, and the
// third, after nextMinute moves the fake's clock on, go through.
func MinuteWindow(t *testing.T, tr translate.Translator, segs []translate.Segment, nextMinute func()) {
	t.Helper()
	if _, err := tr.Translate(context.Background(), language.English, language.Spanish, segs); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Translate(context.Background(), language.English, language.Spanish, segs); !errors.Is(err, translate.ErrRetry) {
		t.Fatalf("second request in the minute: error %v, want ErrRetry", err)
	}
	nextMinute()
	if _, err := tr.Translate(context.Background(), language.English, language.Spanish, segs); err != nil {
		t.Fatalf("next minute: %v", err)
	}
}

// A RejectCase is a configuration an engine's New must refuse, with a
// word its error must contain.
type RejectCase struct {
	Name   string
	Config translate.Config
	Want   string
}

// NewRejects checks that newEngine refuses each case's configuration
// with an error that says why.
func NewRejects(t *testing.T, newEngine func(translate.Config, *resty.Client) (translate.Translator, error), cases []RejectCase) {
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			_, err := newEngine(tc.Config, resty.New())
			if err == nil || !strings.Contains(err.Error(), tc.Want) {
				t.Errorf("error %v, want one about %q", err, tc.Want)
			}
		})
	}
}

// A CheckCase is one translate.Checker probe: Setting is what the
// engine's translator is built with (a key, a region), Class the error
// class Check must give (nil: none).
type CheckCase struct {
	Name, Setting string
	Class         error
}

// Check builds a translator per case with newTranslator and checks what
// its Check returns.
func Check(t *testing.T, newTranslator func(t testing.TB, setting string) translate.Translator, cases []CheckCase) {
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			err := newTranslator(t, tc.Setting).(translate.Checker).Check(context.Background())
			if !errors.Is(err, tc.Class) || (tc.Class == nil && err != nil) {
				t.Errorf("error %v, want %v", err, tc.Class)
			}
		})
	}
}

// AtLimits sends full, a request at tr's declared limits, and checks that
// it goes through as one request carrying every segment; requests lists
// what the fake server received. It returns that request.
func AtLimits(t testing.TB, tr translate.Translator, full []translate.Segment, requests func() []fake.Request) fake.Request {
	t.Helper()
	if _, err := tr.Translate(context.Background(), language.English, language.Spanish, full); err != nil {
		t.Fatalf("request at the declared limits: %v", err)
	}
	reqs := requests()
	if len(reqs) != 1 || len(reqs[0].Texts) != len(full) {
		t.Fatalf("%d requests: want 1 of %d texts", len(reqs), len(full))
	}
	return reqs[0]
}
