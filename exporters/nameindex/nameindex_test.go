package nameindex

import (
	"bytes"
	"errors"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

func TestWrite(t *testing.T) {
	idx := &pipeline.Index{Entities: []pipeline.Entity{{
		ID: "qom", Canonical: "Qom", Kind: "place",
		Variants: []pipeline.Variant{{Text: "Qom", Count: 2}, {Text: "Кум", Count: 1}},
		Mentions: []pipeline.EntityMention{{File: "b/ru.txt"}, {File: "a/en.txt"}, {File: "a/en.txt"}},
	}}}
	tests := []struct {
		format, want string
	}{
		{"table", "NAME  KIND   VARIANTS     ARTICLES\nQom   place  Qom ×2; Кум  en.txt, ru.txt\n"},
		{"csv", "id,canonical,kind,variants,mentions,files\nqom,Qom,place,Qom ×2; Кум,3,a/en.txt; b/ru.txt\n"},
		{"json", `"canonical": "Qom"`},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tc.format, idx); err != nil {
				t.Fatal(err)
			}
			if tc.format == "json" {
				if !bytes.Contains(b.Bytes(), []byte(tc.want)) {
					t.Errorf("got %s, want it to hold %s", b.Bytes(), tc.want)
				}
				return
			}
			if b.String() != tc.want {
				t.Errorf("got\n%q\nwant\n%q", b.String(), tc.want)
			}
		})
	}
	var b bytes.Buffer
	if err := Write(&b, "xml", idx); !errors.Is(err, ErrFormat) || b.Len() > 0 {
		t.Errorf("xml: %v, wrote %q; want ErrFormat and nothing", err, b.String())
	}
}
