package transliterate

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestLongTextNotAName: past MaxWordLen letters in a word or MaxNameWords
// words, a text is not a name: no keys, no match, a cluster of its own.
// Just inside the bounds, names are read as before.
func TestLongTextNotAName(t *testing.T) {
	llanfair := "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch" // 58 letters
	long := strings.Repeat("x", MaxWordLen+1)
	many := strings.TrimSpace(strings.Repeat("Ali ", MaxNameWords+1))
	tests := []struct {
		name   string
		text   string
		isName bool
	}{
		{"longest place name", llanfair, true},
		{"word at the bound", strings.Repeat("ab", MaxWordLen/2), true},
		{"word past the bound", long, false},
		{"name with a word past the bound", "Ilham " + long, false},
		{"fuzz crasher, 3000 letters", strings.Repeat("x", 3000), false},
		{"words at the bound", strings.TrimSpace(strings.Repeat("Ali ", MaxNameWords)), true},
		{"words past the bound", many, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			keys := Keys(tc.text)
			if got := len(keys) > 0; got != tc.isName {
				t.Errorf("Keys: %d keys, want a name: %v", len(keys), tc.isName)
			}
			if got := len(Tokens(tc.text)) > 0; got != tc.isName {
				t.Errorf("Tokens: %q", Tokens(tc.text))
			}
			if got := Match(tc.text, tc.text).Match; got != tc.isName {
				t.Errorf("Match with itself: %v", Match(tc.text, tc.text))
			}
		})
	}
	out, err := (&Clusterer{}).Cluster(context.Background(), []string{long, "Ilham Aliyev", long, "Ильхам Алиев"})
	if err != nil {
		t.Fatal(err)
	}
	if out[1].Cluster != out[3].Cluster || out[0].Cluster == out[1].Cluster {
		t.Errorf("clusters %+v", out)
	}
}

// TestSkeletonsBounded: a token of ambiguous letters has at most
// maxKeyVariants skeletons, however long (it used to gain one per
// letter, and take cubic time).
func TestSkeletonsBounded(t *testing.T) {
	tok := New().ready().reader.token(strings.Repeat("xc", 5000), false)
	sk := skeletons(tok.full)
	if len(sk) == 0 || len(sk) > maxKeyVariants {
		t.Fatalf("%d skeletons", len(sk))
	}
}

// BenchmarkKeysLongToken: a token past MaxWordLen costs one pass over it;
// a token just inside costs what any name does. Throughput in bytes.
func BenchmarkKeysLongToken(b *testing.B) {
	m := New()
	for _, n := range []int{MaxWordLen, 1000, 10000} {
		for _, letter := range []string{"x", "a", "ш"} {
			s := strings.Repeat(letter, n)
			b.Run(fmt.Sprintf("%s×%d", letter, n), func(b *testing.B) {
				b.SetBytes(int64(len(s)))
				b.ReportAllocs()
				for b.Loop() {
					m.Keys(s)
				}
			})
		}
	}
}

// BenchmarkSkeletons reads 1k and 10k ambiguous letters into skeletons,
// past any bound: linear, so 10k takes about ten times 1k.
func BenchmarkSkeletons(b *testing.B) {
	rd := New().ready().reader
	for _, n := range []int{1000, 10000} {
		tok := rd.token(strings.Repeat("xc", n/2), false)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				skeletons(tok.full)
			}
		})
	}
}

// BenchmarkClusterLongLine clusters two names beside a line of 2000
// characters, as 'names cluster' read it in issue 18 (39 s then).
func BenchmarkClusterLongLine(b *testing.B) {
	for _, line := range []string{strings.Repeat("x", 2000), strings.Repeat("x y ", 500)} {
		names := []string{line, "Ilham Aliyev", "Ильхам Алиев"}
		b.Run(fmt.Sprint(len(strings.Fields(line)), "words"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := (&Clusterer{}).Cluster(context.Background(), names); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestUnequalReasonPlural: "1 part against 2", not "1 parts" (issue 14).
func TestUnequalReasonPlural(t *testing.T) {
	if got := Match("Ali", "Ali Aliyev").Reason; got != "1 part against 2" {
		t.Errorf("reason %q", got)
	}
}
