package epub_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/exporters/epub"
	"github.com/dossier-news/dossier/exporters/exportertest"
	"github.com/dossier-news/dossier/internal/testtool"
)

func TestConformance(t *testing.T) {
	exportertest.Run(t, epub.New(), exportertest.Options{
		Text:   func(t *testing.T, out []byte) string { return readBack(t, out).text },
		Markup: func(t *testing.T, out []byte) []string { return readBack(t, out).elements },
	})
}

type book struct {
	text     string
	elements []string
}

// inline are the elements that do not break a word when read back.
var inline = map[string]bool{"span": true, "a": true, "bdi": true, "time": true, "cite": true}

// readBack parses every XHTML page of an EPUB strictly, in container
// order (which is reading order), and returns the text of their bodies and
// the names of every element.
func readBack(t *testing.T, out []byte) book {
	t.Helper()
	zf, files := entries(t, out)
	var b book
	var sb strings.Builder
	for _, f := range zf {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		dec := xml.NewDecoder(strings.NewReader(files[f.Name]))
		dec.Strict = true
		inBody := false
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				b.elements = append(b.elements, tok.Name.Local)
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
	}
	b.text = sb.String()
	return b
}

// xmllint checks every XHTML page and the package document of a book
// with xmllint, which fetches nothing. Where xmllint is missing it skips
// the calling test (see testtool.Need).
func xmllint(t *testing.T, out []byte) {
	t.Helper()
	path := testtool.Need(t, "xmllint")
	_, files := entries(t, out)
	dir := t.TempDir()
	args := []string{"--noout", "--nonet"}
	for name, data := range files {
		if !strings.HasSuffix(name, ".xhtml") && !strings.HasSuffix(name, ".opf") && !strings.HasSuffix(name, ".xml") {
			continue
		}
		f := filepath.Join(dir, strings.ReplaceAll(name, "/", "-"))
		if err := os.WriteFile(f, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, f)
	}
	if msg, err := exec.Command(path, args...).CombinedOutput(); err != nil || len(bytes.TrimSpace(msg)) > 0 {
		t.Errorf("xmllint: %v\n%s", err, msg)
	}
}
