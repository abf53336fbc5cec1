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

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline/translate"
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
			for _, w := range tc.Wants {
				if !strings.Contains(got[0].Text, w) {
					t.Errorf("%q lacks %q", got[0].Text, w)
				}
			}
			for _, n := range tc.Nots {
				if strings.Contains(got[0].Text, n) {
					t.Errorf("%q contains %q", got[0].Text, n)
				}
			}
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
