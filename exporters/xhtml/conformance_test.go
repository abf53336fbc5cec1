package xhtml_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/exporters/exportertest"
	"github.com/dossier-news/dossier/exporters/xhtml"
)

func TestConformance(t *testing.T) {
	exportertest.Run(t, xhtml.New(), exportertest.Options{
		Text:   func(t *testing.T, out []byte) string { return readBack(t, out).text },
		Markup: func(t *testing.T, out []byte) []string { return readBack(t, out).elements },
	})
}

// inline are the elements that do not break a word when read back.
var inline = map[string]bool{"span": true, "a": true, "bdi": true, "time": true, "cite": true}

type document struct {
	text     string
	elements []string
}

// readBack parses an XHTML file strictly, as a reading system would, and
// returns its body text and the names of every element in it.
func readBack(t *testing.T, out []byte) document {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = true
	var doc document
	var sb strings.Builder
	inBody := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("output is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			doc.elements = append(doc.elements, tok.Name.Local)
			inBody = inBody || tok.Name.Local == "body"
			if !inline[tok.Name.Local] {
				sb.WriteByte(' ')
			}
		case xml.EndElement:
			if !inline[tok.Name.Local] {
				sb.WriteByte(' ')
			}
		case xml.CharData:
			if inBody {
				sb.Write(tok)
			}
		}
	}
	doc.text = sb.String()
	return doc
}
