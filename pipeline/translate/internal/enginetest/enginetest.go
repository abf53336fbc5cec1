// Package enginetest holds the test material and checks the cloud
// engines' own tests share: a sample article with its names protected,
// the answer a faithful engine over the fake gives, and checks of kept
// spans and error classes. Start with Article.
package enginetest

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

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
