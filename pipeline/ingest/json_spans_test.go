package ingest

import (
	"fmt"
	"testing"
)

// FuzzJSONSpans: decoding each value alone by the spans checkJSON finds
// reads what the stream decoder reads, errors included.
func FuzzJSONSpans(f *testing.F) {
	doc := `{"meta":{"title":"t"},"blocks":[{"kind":"paragraph","text":"x"}]}`
	for _, s := range []string{
		doc, doc + "\n" + doc, doc + "\n{\"meta\": oops}\n" + doc,
		`{"meta":[],"blocks":[]}`, doc + "\n" + doc[:20], doc + " 5", `{"meta":{},"blocks":[{"kind":"nope"}]}` + doc,
		`{"meta":{"title":"a\"}"},"blocks":[]}`, "[1,2]" + doc, doc + "]",
	} {
		f.Add(s)
	}
	lim := Limits{}.withDefaults()
	f.Fuzz(func(t *testing.T, s string) {
		_, spans, err := checkJSON(s, lim)
		if err != nil || spans == nil {
			return
		}
		show := func(docs []any, err error) string { return fmt.Sprint(len(docs), err) }
		d1, e1 := readJSON(s, nil)
		d2, e2 := readJSON(s, spans)
		a, b := make([]any, len(d1)), make([]any, len(d2))
		if show(a, e1) != show(b, e2) {
			t.Fatalf("stream: %s\nspans:  %s", show(a, e1), show(b, e2))
		}
		for i := range d1 {
			if fmt.Sprint(d1[i]) != fmt.Sprint(d2[i]) {
				t.Fatalf("document %d differs", i+1)
			}
		}
	})
}
