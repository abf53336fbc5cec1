package translate

import (
	"strings"
	"testing"
)

func TestParseGlossary(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []GlossaryEntry
		err      string
	}{
		{"tsv with header and comment", "source\ttarget\tfrom\tto\n# agencies\nState Security Service\tSGB\ten\tes\n\nMilli Məclis\tAsamblea Nacional\taz\tes-MX\n",
			[]GlossaryEntry{{"en", "es", "State Security Service", "SGB"}, {"az", "es", "Milli Məclis", "Asamblea Nacional"}}, ""},
		{"csv with quotes", "\"Security Council, UN\",Consejo de Seguridad,en,es\n",
			[]GlossaryEntry{{"en", "es", "Security Council, UN", "Consejo de Seguridad"}}, ""},
		{"repeated the same", "SGB,SGB,en,es\nSGB,SGB,en,es\n", []GlossaryEntry{{"en", "es", "SGB", "SGB"}}, ""},
		{"three fields", "a\tb\ten\n", nil, "line 1: 3 fields, want 4"},
		{"bad language", "a\tb\ten\tnot a tag\n", nil, `line 1: language "not a tag"`},
		{"two translations", "a\tb\ten\tes\na\tc\ten\tes\n", nil, `line 2: "a" is already translated "b"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := ParseGlossary(strings.NewReader(tc.in), "g.tsv")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), "g.tsv: ") {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(g.entries) != len(tc.want) {
				t.Fatalf("entries %+v, want %+v", g.entries, tc.want)
			}
			for i := range tc.want {
				if g.entries[i] != tc.want[i] {
					t.Errorf("entry %d = %+v, want %+v", i, g.entries[i], tc.want[i])
				}
			}
		})
	}
}

func TestGlossaryHash(t *testing.T) {
	a, _ := ParseGlossary(strings.NewReader("SGB\tSGB\ten\tes\nMFA\tMAE\ten\tes\nMFA\tMAE\ten\tfr\n"), "a")
	b, _ := ParseGlossary(strings.NewReader("MFA\tMAE\ten\tes\nSGB\tSGB\ten\tes\n"), "b")
	c, _ := ParseGlossary(strings.NewReader("MFA\tMinisterio\ten\tes\nSGB\tSGB\ten\tes\n"), "c")
	if a.Hash("en", "es") != b.Hash("en-GB", "es") {
		t.Error("the same entries in another order hash differently")
	}
	if a.Hash("en", "es") == c.Hash("en", "es") {
		t.Error("a changed entry hashes the same")
	}
	if a.Hash("en", "de") != "" || (*Glossary)(nil).Hash("en", "es") != "" {
		t.Error("a pair without entries has a hash")
	}
}
