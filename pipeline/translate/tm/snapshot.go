package tm

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"

	"github.com/dossier-news/dossier/pipeline"
)

// A Snapshot is a batch stage that keeps a copy of the documents as they
// reach it. Put before the translate stage, it lets Articles cut the
// source of each document as that stage cut it, after the stage has
// translated the documents in place.
type Snapshot struct {
	docs   []*pipeline.Document // as passed, translated later
	copies []*pipeline.Document
}

func (s *Snapshot) Name() string { return "xliff" }

func (s *Snapshot) ApplyBatch(_ context.Context, docs []*pipeline.Document) error {
	s.docs = append([]*pipeline.Document(nil), docs...)
	s.copies = s.copies[:0]
	for _, d := range docs {
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		var c pipeline.Document
		if err := json.Unmarshal(b, &c); err != nil {
			return err
		}
		s.copies = append(s.copies, &c)
	}
	return nil
}

// Sources returns the copies of the documents of done, as they were when
// they reached s, in the order s saw them; documents s did not see are
// left out.
func (s *Snapshot) Sources(done []*pipeline.Document) []*pipeline.Document {
	ok := map[*pipeline.Document]bool{}
	for _, d := range done {
		ok[d] = true
	}
	var out []*pipeline.Document
	for i, d := range s.docs {
		if ok[d] {
			out = append(out, s.copies[i])
		}
	}
	return out
}

// Detect tells the files ImportTMX and ImportXLIFF read apart by their
// root element: "tmx" or "xliff", or an error wrapping ErrFormat.
func Detect(b []byte) (string, error) {
	d := xml.NewDecoder(bufio.NewReader(bytes.NewReader(b)))
	for {
		tok, err := d.Token()
		if err != nil {
			return "", fmt.Errorf("neither TMX nor XLIFF (no root element): %w", ErrFormat)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if kind := se.Name.Local; kind == "tmx" || kind == "xliff" {
				return kind, nil
			}
			return "", fmt.Errorf("neither TMX nor XLIFF (root element %q): %w", se.Name.Local, ErrFormat)
		}
	}
}
