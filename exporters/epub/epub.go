// Package epub writes briefings as EPUB 3 books that pass epubcheck with no
// warnings: one article per book, or a batch with a title page, a table of
// contents, one chapter per article and the names index.
//
// Start with New, the exporters.Exporter. Pages come from package xhtml;
// this package adds the package document (OPF), navigation and the ZIP
// container, written by hand with archive/zip so that every byte is under
// control: mimetype first and stored, no extra fields, a fixed entry order
// and timestamps from Briefing.Created, so reruns are byte-identical.
package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"time"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/exporters/xhtml"
)

// An Exporter writes a briefing as one EPUB 3 file.
type Exporter struct{}

// New returns the EPUB exporter.
func New() *Exporter { return &Exporter{} }

// Format describes EPUB output.
func (*Exporter) Format() exporters.Format {
	return exporters.Format{Name: "epub", Ext: ".epub", MediaType: "application/epub+zip", Binary: true, Batch: true}
}

// contentDir holds everything but the OCF files; its name is what most
// EPUB tools use.
const contentDir = "EPUB/"

const (
	mimetype       = "application/epub+zip"
	xhtmlMediaType = "application/xhtml+xml"
	cssMediaType   = "text/css"
	packageFile    = "package.opf"
	navFile        = "nav.xhtml"
	titleFile      = "title.xhtml"
	indexFile      = "names.xhtml"
)

// An item is one file of the book, listed in the manifest.
type item struct {
	id, href, mediaType, properties string
	inSpine                         bool
	identifies                      bool // part of what the book's identifier is derived from
	data                            []byte
}

// Export writes b as an EPUB 3 book.
func (*Exporter) Export(ctx context.Context, w io.Writer, b *exporters.Briefing) error {
	if err := xhtml.Validate(b); err != nil {
		return err
	}
	items, err := render(ctx, b)
	if err != nil {
		return err
	}
	opf, err := packageDocument(b, items)
	if err != nil {
		return fmt.Errorf("package document: %w", err)
	}
	return writeContainer(ctx, w, b.Created, opf, items)
}

// articleFile names the chapter of article i; names stay [a-z0-9-] and
// sort in reading order.
func articleFile(i, n int) string {
	width := max(3, len(strconv.Itoa(n)))
	return fmt.Sprintf("article-%0*d.xhtml", width, i+1)
}

// render writes every page of the book in reading order.
func render(ctx context.Context, b *exporters.Briefing) ([]item, error) {
	batch := !b.Single()
	n := len(b.Documents)
	l := xhtml.Layout{
		Stylesheet:  xhtml.StylesheetName,
		ArticleFile: func(i int) string { return articleFile(i, n) },
		Locale:      chrome.For(b), // once, not once per page
	}
	if xhtml.HasIndex(b) {
		l.IndexFile = indexFile
	}
	if batch {
		l.TitleFile = titleFile
	}

	var items []item
	page := func(id, href string, spine, identifies bool, props string, write func(w io.Writer) error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return fmt.Errorf("%s: %w", href, err)
		}
		items = append(items, item{id: id, href: href, mediaType: xhtmlMediaType, properties: props,
			inSpine: spine, identifies: identifies, data: buf.Bytes()})
		return nil
	}
	if batch {
		if err := page("title-page", titleFile, true, false, "", func(w io.Writer) error {
			return xhtml.WriteTitlePage(ctx, w, b, l)
		}); err != nil {
			return nil, err
		}
	}
	// A batch shows its contents as a page after the title; a single
	// article opens on its text, with the contents in the reader's menu.
	if err := page("nav", navFile, batch, false, "nav", func(w io.Writer) error {
		return xhtml.WriteNav(ctx, w, b, l)
	}); err != nil {
		return nil, err
	}
	for i := range b.Documents {
		href := articleFile(i, n)
		if err := page(href[:len(href)-len(".xhtml")], href, true, true, "", func(w io.Writer) error {
			return xhtml.WriteArticlePage(ctx, w, b, i, l)
		}); err != nil {
			return nil, fmt.Errorf("document %d: %w", i+1, err)
		}
	}
	if xhtml.HasIndex(b) {
		if err := page("names", indexFile, true, true, "", func(w io.Writer) error {
			return xhtml.WriteIndexPage(ctx, w, b, l)
		}); err != nil {
			return nil, err
		}
	}
	items = append(items, item{id: "css", href: xhtml.StylesheetName, mediaType: cssMediaType, data: xhtml.Stylesheet()})
	return items, nil
}

// identifier derives the book's urn:uuid from its title and text, so the
// same briefing gets the same identifier on every run, whatever its
// Created time. It is a name-based (version 5) UUID in the URL namespace.
func identifier(title string, items []item) string {
	h := sha256.New()
	h.Write([]byte(title))
	for _, it := range items {
		if it.identifies {
			h.Write([]byte{0})
			h.Write([]byte(it.href))
			h.Write([]byte{0})
			h.Write(it.data)
		}
	}
	name := fmt.Sprintf("dossier:briefing:%x", h.Sum(nil))
	namespaceURL := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	s := sha1.New()
	s.Write(namespaceURL)
	s.Write([]byte(name))
	u := s.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// modified returns the time to stamp on the book: Created in UTC, whole
// seconds, within the four-digit years that dcterms:modified allows. A
// zero Created becomes the Unix epoch, so that output stays reproducible.
func modified(created time.Time) time.Time {
	if created.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	t := created.UTC().Truncate(time.Second)
	if t.Year() < 1 {
		return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if t.Year() > 9999 {
		return time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	}
	return t
}

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
  <rootfiles>
    <rootfile full-path="` + contentDir + packageFile + `" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`

// writeContainer writes the OCF ZIP container: mimetype first, stored,
// with no extra field (epubcheck PKG-005/006/007); then the container
// file, the package document and the items, deflated, all with the same
// timestamp and no data descriptors.
func writeContainer(ctx context.Context, w io.Writer, created time.Time, opf []byte, items []item) error {
	zw := zip.NewWriter(w)
	c := &container{zw: zw, stamp: zipTime(modified(created))}
	if err := c.add("mimetype", []byte(mimetype), zip.Store); err != nil {
		return err
	}
	if err := c.add("META-INF/container.xml", []byte(containerXML), zip.Deflate); err != nil {
		return err
	}
	if err := c.add(contentDir+packageFile, opf, zip.Deflate); err != nil {
		return err
	}
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := c.add(contentDir+it.href, it.data, zip.Deflate); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	return nil
}

// msdosTime is a timestamp in the ZIP format's MS-DOS form.
type msdosTime struct{ date, time uint16 }

// zipTime converts t to MS-DOS form, which counts years from 1980 to 2107.
func zipTime(t time.Time) msdosTime {
	switch {
	case t.Year() < 1980:
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	case t.Year() > 2107:
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	return msdosTime{
		date: uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9),
		time: uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11),
	}
}

// A container writes the entries of one book. It reuses one compressor,
// which is large, for every entry.
type container struct {
	zw    *zip.Writer
	stamp msdosTime
	fw    *flate.Writer
	buf   bytes.Buffer
}

// add writes one file with CreateRaw, which takes the header as given:
// sizes and CRC up front, no data descriptor and no extended timestamp
// field, unlike CreateHeader.
func (c *container) add(name string, data []byte, method uint16) error {
	body := data
	if method == zip.Deflate {
		c.buf.Reset()
		if c.fw == nil {
			fw, err := flate.NewWriter(&c.buf, flate.DefaultCompression)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			c.fw = fw
		} else {
			c.fw.Reset(&c.buf)
		}
		if _, err := c.fw.Write(data); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := c.fw.Close(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		body = c.buf.Bytes()
	}
	fh := &zip.FileHeader{
		Name:           name,
		Method:         method,
		CreatorVersion: 20,
		ReaderVersion:  20,
		// The MS-DOS fields, not Modified: Modified adds an extended
		// timestamp field in UTC, and the stamp must be the same bytes
		// on every machine for reruns to be byte-identical.
		//lint:ignore SA1019 see above
		ModifiedDate: c.stamp.date,
		//lint:ignore SA1019 see above
		ModifiedTime:       c.stamp.time,
		CRC32:              crc32.ChecksumIEEE(data),
		CompressedSize64:   uint64(len(body)),
		UncompressedSize64: uint64(len(data)),
	}
	out, err := c.zw.CreateRaw(fh)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if _, err := out.Write(body); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
