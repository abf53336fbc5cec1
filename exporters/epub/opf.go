package epub

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/exporters/xhtml"
	"github.com/dossier-news/dossier/pipeline"
)

// The package document, as encoding/xml writes it. Prefixed names are
// spelled out literally, which encoding/xml passes through.
type opfPackage struct {
	XMLName          xml.Name    `xml:"package"`
	XMLNS            string      `xml:"xmlns,attr"`
	Version          string      `xml:"version,attr"`
	UniqueIdentifier string      `xml:"unique-identifier,attr"`
	Metadata         opfMetadata `xml:"metadata"`
	Manifest         []opfItem   `xml:"manifest>item"`
	Spine            opfSpine    `xml:"spine"`
}

type opfMetadata struct {
	XMLNSDC     string    `xml:"xmlns:dc,attr"`
	Identifier  opfText   `xml:"dc:identifier"`
	Title       opfText   `xml:"dc:title"`
	Languages   []string  `xml:"dc:language"`
	Creators    []opfText `xml:"dc:creator"`
	Date        string    `xml:"dc:date,omitempty"`
	Source      string    `xml:"dc:source,omitempty"`
	Description *opfText  `xml:"dc:description"`
	Meta        []opfMeta `xml:"meta"`
}

// opfText is a metadata value with its language and direction, so that a
// Persian title is announced as such.
type opfText struct {
	ID    string `xml:"id,attr,omitempty"`
	Lang  string `xml:"xml:lang,attr,omitempty"`
	Dir   string `xml:"dir,attr,omitempty"`
	Value string `xml:",chardata"`
}

type opfMeta struct {
	Property string `xml:"property,attr"`
	Value    string `xml:",chardata"`
}

type opfItem struct {
	ID         string `xml:"id,attr"`
	Href       string `xml:"href,attr"`
	MediaType  string `xml:"media-type,attr"`
	Properties string `xml:"properties,attr,omitempty"`
}

type opfSpine struct {
	PageProgression string       `xml:"page-progression-direction,attr,omitempty"`
	Items           []opfItemref `xml:"itemref"`
}

type opfItemref struct {
	IDRef string `xml:"idref,attr"`
}

// text makes a metadata value in the given language, or in none when the
// language is unknown.
func text(value, lang string, dir pipeline.Direction) opfText {
	t := opfText{Value: oneLine(xhtml.Sanitize(value))}
	if lang != "" && lang != "und" {
		t.Lang = lang
	}
	if dir == pipeline.RightToLeft {
		t.Dir = string(dir)
	}
	return t
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// packageDocument writes the OPF: metadata, manifest and spine.
func packageDocument(b *exporters.Briefing, items []item) ([]byte, error) {
	title := xhtml.BriefingTitle(b)
	lang, dir := xhtml.BriefingLanguage(b), xhtml.BriefingDirection(b)
	if b.Single() {
		// The book is the article: its title and language are the article's.
		doc := b.Documents[0]
		lang, dir = xhtml.LanguageOf(doc), xhtml.DirectionOf(doc)
	}
	titleLang, titleDir := lang, dir
	if oneLine(b.Title) == "" && (!b.Single() || xhtml.TitleOf(b.Documents[0]) == "") {
		loc := chrome.For(b) // dossier's own word, in the chrome's language
		titleLang, titleDir = loc.Tag(), loc.Direction()
	}
	md := opfMetadata{
		XMLNSDC:    "http://purl.org/dc/elements/1.1/",
		Identifier: opfText{ID: "uid", Value: identifier(title, items)},
		Title:      text(title, titleLang, titleDir),
		Languages:  xhtml.BriefingLanguages(b),
		Meta:       []opfMeta{{Property: "dcterms:modified", Value: modified(b.Created).Format("2006-01-02T15:04:05Z")}},
	}
	if b.Single() {
		doc := b.Documents[0]
		dl, dd := xhtml.LanguageOf(doc), xhtml.DirectionOf(doc)
		for _, a := range doc.Meta.Authors {
			if a = oneLine(a); a != "" {
				md.Creators = append(md.Creators, text(a, dl, dd))
			}
		}
		if p := doc.Meta.Published; p != nil && p.Time.Year() >= 1 && p.Time.Year() <= 9999 {
			md.Date = p.Time.Format(time.DateOnly)
		}
		if u, ok := xhtml.SourceURL(doc); ok {
			md.Source = u // a file path would only leak the user's folders
		}
		if s := oneLine(doc.Meta.Standfirst); s != "" {
			d := text(s, dl, dd)
			md.Description = &d
		}
	}
	if len(md.Creators) == 0 {
		// A batch, or an article with no byline: the outlets wrote it.
		for _, o := range xhtml.Outlets(b) {
			md.Creators = append(md.Creators, text(o, "", ""))
		}
	}
	if len(md.Creators) == 0 {
		md.Creators = []opfText{{Value: "dossier"}} // the compiler, when nothing names a writer
	}
	if md.Date == "" && !b.Created.IsZero() {
		md.Date = modified(b.Created).Format(time.DateOnly)
	}

	pkg := opfPackage{
		XMLNS:            "http://www.idpf.org/2007/opf",
		Version:          "3.0",
		UniqueIdentifier: "uid",
		Metadata:         md,
	}
	for _, it := range items {
		pkg.Manifest = append(pkg.Manifest, opfItem{ID: it.id, Href: it.href, MediaType: it.mediaType, Properties: it.properties})
		if it.inSpine {
			pkg.Spine.Items = append(pkg.Spine.Items, opfItemref{IDRef: it.id})
		}
	}
	if dir == pipeline.RightToLeft {
		pkg.Spine.PageProgression = string(pipeline.RightToLeft)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(pkg); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	// encoding/xml never writes empty elements; items read better closed.
	out := bytes.ReplaceAll(buf.Bytes(), []byte("></item>"), []byte("/>"))
	return bytes.ReplaceAll(out, []byte("></itemref>"), []byte("/>")), nil
}
