package tm_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/tm"
)

// TestImportForeignTMX: units from other tools are a person's
// translations; names marked by <hi> or bpt/ept pairs (paired across
// languages by x, else i) become protected names, other codes are left
// out, and TMX 1.1's lang attribute is read like xml:lang.
func TestImportForeignTMX(t *testing.T) {
	const head = `<?xml version="1.0"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="EN-US" datatype="plaintext"/><body>`
	tests := []struct {
		name string
		tu   string
		want translate.Entry
	}{
		{"hi names",
			`<tu><tuv xml:lang="EN-US"><seg><hi x="1" type="x-name">Scholz</hi> left.</seg></tuv><tuv xml:lang="es-ES"><seg><hi x="1">Olaf Scholz</hi> se fue.</seg></tuv></tu>`,
			translate.Entry{Source: "Scholz left.", Keep: []translate.Keep{{Start: 0, End: 6, As: "Olaf Scholz"}}, Text: "Olaf Scholz se fue.", From: "en-US", To: "es-ES", Reviewed: true}},
		{"bpt paired by i, native codes dropped",
			`<tu><tuv xml:lang="en-us"><seg>See <bpt i="3">&lt;b&gt;</bpt>Merkel<ept i="3">&lt;/b&gt;</ept><ph>&lt;br/&gt;</ph> now.</seg></tuv><tuv xml:lang="es-es"><seg>Vea a <bpt i="3">&lt;b&gt;</bpt>Merkel<ept i="3">&lt;/b&gt;</ept> ahora.</seg></tuv></tu>`,
			translate.Entry{Source: "See Merkel now.", Keep: []translate.Keep{{Start: 4, End: 10}}, Text: "Vea a Merkel ahora.", From: "en-US", To: "es-ES", Reviewed: true}},
		{"TMX 1.1 lang",
			`<tu><tuv lang="EN-US"><seg>Good.</seg></tuv><tuv lang="ES-ES"><seg>Bien.</seg></tuv></tu>`,
			translate.Entry{Source: "Good.", Text: "Bien.", From: "en-US", To: "es-ES", Reviewed: true}},
	}
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mem := openMemory(t)
			r, err := tm.ImportTMX(context.Background(), strings.NewReader(head+tc.tu+`</body></tmx>`), mem, tm.ImportOptions{Now: when})
			if err != nil {
				t.Fatal(err)
			}
			if r.Reviewed != 1 {
				t.Fatalf("report %+v, want 1 reviewed", r)
			}
			tc.want.Changed = when
			got := entries(t, mem)
			if e, ok := got[tc.want.Key()]; !ok || !reflect.DeepEqual(e, tc.want) {
				t.Errorf("memory %+v\nwant %+v under its reviewed key", got, tc.want)
			}
			// The same file again changes nothing.
			r, err = tm.ImportTMX(context.Background(), strings.NewReader(head+tc.tu+`</body></tmx>`), mem, tm.ImportOptions{Now: when})
			if err != nil || r.Unchanged != 1 || r.Reviewed != 0 {
				t.Errorf("second import: %+v, %v; want 1 unchanged", r, err)
			}
		})
	}
}

// FuzzReaders: the TMX and XLIFF readers may refuse input but never
// panic, and never store anything from input they refuse.
func FuzzReaders(f *testing.F) {
	f.Add([]byte(`<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a <bpt i="1">x</bpt>B<ept i="1">y</ept></seg></tuv><tuv xml:lang="es"><seg><hi>B</hi> a</seg></tuv></tu></body></tmx>`))
	f.Add([]byte(`<xliff version="1.2"><file><body><trans-unit id="s1" resname="k"><source>a <g id="n1">B</g></source><target>b <g id="n1">B</g><x id="1"/></target></trans-unit></body></file></xliff>`))
	f.Add([]byte(`<tmx><tu><tuv><seg><ept i="1"/><bpt i="1"/></seg></tuv></tu></tmx>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		mem := &mapMemory{}
		if _, err := tm.ImportTMX(context.Background(), bytes.NewReader(b), mem, tm.ImportOptions{}); err != nil && len(mem.m) > 0 {
			t.Errorf("ImportTMX failed (%v) after storing %d entries", err, len(mem.m))
		}
		tm.ImportXLIFF(context.Background(), bytes.NewReader(b), mem, time.Now())
	})
}

// mapMemory is a Memory in a map, for fuzzing without a file.
type mapMemory struct{ m map[string][]byte }

func (m *mapMemory) Get(k string) ([]byte, error) { return m.m[k], nil }
func (m *mapMemory) Put(k string, v []byte) error {
	if m.m == nil {
		m.m = map[string][]byte{}
	}
	m.m[k] = v
	return nil
}
func (m *mapMemory) Range(fn func(string, []byte) error) error {
	for k, v := range m.m {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// TestXLIFFApproved: a machine translation a person approved unchanged
// (approved="yes", or a final target) is stored as reviewed; one left
// as it was is not.
func TestXLIFFApproved(t *testing.T) {
	mem, _ := translated(t)
	articles, _, err := tm.Articles(newStage(t, &shouter{}, mem), batch(t))
	if err != nil {
		t.Fatal(err)
	}
	var xlf bytes.Buffer
	tm.WriteXLIFF(&xlf, tm.Tool{}, articles)
	approved := strings.Replace(xlf.String(), `<trans-unit id="s2"`, `<trans-unit id="s2" approved="yes"`, 1)
	approved = strings.Replace(approved, `state="needs-review-translation">Theo`, `state="final">Theo`, 1)
	r, err := tm.ImportXLIFF(context.Background(), strings.NewReader(approved), mem, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if r.Approved != 2 || r.Reviewed != 0 {
		t.Errorf("import: %+v, want 2 approved", r)
	}
	reviewed := 0
	for _, e := range entries(t, mem) {
		if e.Reviewed {
			reviewed++
		}
	}
	if reviewed != 2 {
		t.Errorf("%d reviewed entries, want 2", reviewed)
	}
	// Again: nothing new.
	r, err = tm.ImportXLIFF(context.Background(), strings.NewReader(xlf.String()), mem, time.Now())
	if err != nil || r.Approved != 0 || r.Reviewed != 0 {
		t.Errorf("import of the untouched file: %+v, %v", r, err)
	}
}
