package tm

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
)

// TMX properties (<prop type="…">) that carry what a dossier entry holds
// beyond its two texts. Another tool may drop them; an entry without
// x-dossier-engine is then taken for a person's (see ImportTMX).
const (
	propEngine    = "x-dossier-engine"
	propModel     = "x-dossier-model"
	propProtect   = "x-dossier-protect"
	propGlossary  = "x-dossier-glossary" // hash of the glossary entries that applied
	propKeeps     = "x-dossier-keeps"    // the segment's keeps, as JSON, exactly
	propFlag      = "x-dossier-flag"     // one per flag
	propReviewed  = "x-dossier-reviewed"
	propUnchanged = "x-dossier-unchanged"
)

// tmxTime is the TMX date format (ISO 8601, UTC, basic).
const tmxTime = "20060102T150405Z"

// Tool names the program that writes a file, for TMX and XLIFF headers.
type Tool struct {
	Name, Version string
}

func (t Tool) orDefault() Tool {
	return Tool{Name: cmp.Or(t.Name, "dossier"), Version: cmp.Or(t.Version, "devel")}
}

// ExportOptions pick what ExportTMX writes.
type ExportOptions struct {
	From, To string // the language pair; a language alone matches all its regions
	Tool     Tool
	Now      time.Time // the header's creation date; zero: none
}

// ExportReport counts what ExportTMX found.
type ExportReport struct {
	Written int // translation units written
	// Incomplete counts entries of the pair's engines written before
	// cache format 3, which do not hold their source text: they cannot
	// be exported; translating them again with --refresh makes them whole.
	Incomplete int
	// Superseded counts engines' entries left out because a reviewed
	// translation of the same segment replaces them.
	Superseded int
}

// ExportTMX writes the memory's entries from one language into another as
// TMX 1.4b, sorted by source text, so that the same memory gives the same
// file. Reviewed entries and engines' alike are written, properties tell
// them apart; an engine's translation of a segment a person has reviewed
// is left out, as the reviewed one replaces it in every run.
func ExportTMX(ctx context.Context, w io.Writer, mem Memory, opt ExportOptions) (ExportReport, error) {
	var entries []translate.Entry
	var r ExportReport
	err := mem.Range(func(_ string, v []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		e, err := translate.DecodeEntry(v)
		if err != nil {
			return nil // not an entry of the translate stage
		}
		if !e.Complete() {
			r.Incomplete++
			return nil
		}
		if matchLang(opt.From, e.From) && matchLang(opt.To, e.To) {
			entries = append(entries, e)
		}
		return nil
	})
	if err != nil {
		return r, err
	}
	reviewed := map[string]bool{}
	for _, e := range entries {
		if e.Reviewed {
			reviewed[e.Key()] = true
		}
	}
	kept := entries[:0]
	for _, e := range entries {
		if !e.Reviewed && reviewed[translate.ReviewedKey(e.From, e.To, e.Segment())] {
			r.Superseded++
			continue
		}
		kept = append(kept, e)
	}
	entries = kept
	slices.SortStableFunc(entries, func(a, b translate.Entry) int {
		return cmp.Or(strings.Compare(a.Source, b.Source), strings.Compare(a.From, b.From), strings.Compare(a.To, b.To),
			strings.Compare(a.Key(), b.Key()))
	})
	srclang := opt.From
	if srclang == "" {
		srclang = "*all*" // TMX's word for a memory of several source languages
	}
	bw := bufio.NewWriter(w)
	tool := opt.Tool.orDefault()
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n")
	fmt.Fprintf(bw, "  <header creationtool=%s creationtoolversion=%s datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=%s o-tmf=\"dossier-cache-3\"",
		attr(tool.Name), attr(tool.Version), attr(srclang))
	if !opt.Now.IsZero() {
		fmt.Fprintf(bw, " creationdate=%s", attr(opt.Now.UTC().Format(tmxTime)))
	}
	bw.WriteString("/>\n  <body>\n")
	for _, e := range entries {
		writeTU(bw, e)
		r.Written++
	}
	bw.WriteString("  </body>\n</tmx>\n")
	return r, bw.Flush()
}

func writeTU(w *bufio.Writer, e translate.Entry) {
	w.WriteString("    <tu")
	if !e.Changed.IsZero() {
		fmt.Fprintf(w, " changedate=%s", attr(e.Changed.UTC().Format(tmxTime)))
	}
	w.WriteString(">\n")
	prop := func(typ, v string) {
		fmt.Fprintf(w, "      <prop type=%s>%s</prop>\n", attr(typ), text(v))
	}
	if e.Engine != "" {
		prop(propEngine, e.Engine)
	}
	if e.Model != "" {
		prop(propModel, e.Model)
	}
	if e.Protect != "" {
		prop(propProtect, string(e.Protect))
	}
	if e.Glossary != "" {
		prop(propGlossary, e.Glossary)
	}
	if len(e.Keep) > 0 {
		b, _ := json.Marshal(e.Keep)
		prop(propKeeps, string(b))
	}
	for _, f := range e.Flags {
		prop(propFlag, f)
	}
	if e.Reviewed {
		prop(propReviewed, "yes")
	}
	if e.Unchanged {
		prop(propUnchanged, "yes")
	}
	fmt.Fprintf(w, "      <tuv xml:lang=%s><seg>%s</seg></tuv>\n", attr(e.From), tmxSeg(e.Source, sourceNames(e.Segment())))
	fmt.Fprintf(w, "      <tuv xml:lang=%s><seg>%s</seg></tuv>\n", attr(e.To), tmxSeg(e.Text, targetNames(e.Segment(), e.Text)))
	w.WriteString("    </tu>\n")
}

// tmxSeg writes text with each name in names as a bpt/ept pair around it.
func tmxSeg(s string, names []span) string {
	var sb strings.Builder
	last := 0
	for _, n := range names {
		sb.WriteString(text(s[last:n.Start]))
		fmt.Fprintf(&sb, `<bpt i="%d" x="%d" type="%s">&lt;g&gt;</bpt>%s<ept i="%d">&lt;/g&gt;</ept>`, n.n, n.n, nameType, text(s[n.Start:n.End]), n.n)
		last = n.End
	}
	sb.WriteString(text(s[last:]))
	return sb.String()
}

// text escapes s for XML character data.
func text(s string) string {
	var sb strings.Builder
	xml.EscapeText(&sb, []byte(s))
	return sb.String()
}

// attr returns s quoted and escaped as an XML attribute value.
func attr(s string) string { return `"` + text(s) + `"` }

// ImportOptions say which pair ImportTMX reads.
type ImportOptions struct {
	// From and To pick the pair; empty From is the header's srclang, and
	// empty To takes every other language of each unit.
	From, To string
	Now      time.Time // when a unit without a date was translated; zero: time.Now
}

// ImportReport counts what ImportTMX did.
type ImportReport struct {
	Machine   int // engines' entries restored under their engine's key
	Reviewed  int // entries stored as reviewed
	Unchanged int // units the memory already held as they are
	Skipped   int // units without the pair
}

// ImportTMX reads a TMX file into mem. A unit dossier wrote (it names its
// engine) comes back as it was, under the same key. A unit from another
// tool is a person's translation: it is stored as reviewed, unless the
// memory already has that translation of that segment (a unit that went
// to a CAT tool and came back untouched changes nothing).
//
// Names marked as dossier marks them (a bpt/ept pair, or a <hi>) become
// the segment's protected names; each reads in the translation as the
// text the same-numbered pair holds there. Other inline codes (<ph>, <it>,
// unpaired tags) are native codes of some other format, not text, and are
// left out.
func ImportTMX(ctx context.Context, r io.Reader, mem Memory, opt ImportOptions) (ImportReport, error) {
	var rep ImportReport
	doc, err := readTMX(r)
	if err != nil {
		return rep, err
	}
	from := cmp.Or(opt.From, doc.srclang)
	if from == "" || from == "*all*" {
		return rep, fmt.Errorf("tmx: no source language in the header: pass the pair: %w", ErrFormat)
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	var known map[string][]string // ReviewedKey → texts held for that segment
	for _, tu := range doc.units {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		src, tgt := tu.pair(from, opt.To)
		if src == nil || tgt == nil {
			rep.Skipped++
			continue
		}
		e := tu.entry(src, tgt)
		if e.Changed.IsZero() {
			e.Changed = now.UTC()
		}
		if e.Engine == "" {
			// Another tool's unit: its languages spelt its way.
			e.From, e.To = canonical(e.From), canonical(e.To)
			e.Reviewed = true
			if known == nil {
				if known, err = knownTexts(mem); err != nil {
					return rep, err
				}
			}
			if slices.Contains(known[e.Key()], e.Text) {
				rep.Unchanged++
				continue
			}
		}
		b, err := e.Encode()
		if err != nil {
			return rep, err
		}
		if err := mem.Put(e.Key(), b); err != nil {
			return rep, err
		}
		if e.Reviewed {
			rep.Reviewed++
		} else {
			rep.Machine++
		}
	}
	return rep, nil
}

// knownTexts indexes the translations mem holds by segment and pair.
func knownTexts(mem Memory) (map[string][]string, error) {
	known := map[string][]string{}
	err := mem.Range(func(_ string, v []byte) error {
		e, err := translate.DecodeEntry(v)
		if err != nil || !e.Complete() {
			return nil
		}
		k := translate.ReviewedKey(e.From, e.To, e.Segment())
		known[k] = append(known[k], e.Text)
		return nil
	})
	return known, err
}

// tmxDoc is what readTMX keeps of a file.
type tmxDoc struct {
	srclang string
	units   []tmxUnit
}

type tmxUnit struct {
	props   map[string][]string
	changed time.Time
	tuvs    []tmxTuv
}

type tmxTuv struct {
	lang  string
	text  string
	names []namedSpan
}

// A namedSpan is a name marked in a seg; id pairs it across languages (x,
// else i).
type namedSpan struct {
	start, end int
	id         string
}

// pair returns the source and target variants of u for the pair.
func (u tmxUnit) pair(from, to string) (src, tgt *tmxTuv) {
	for i := range u.tuvs {
		v := &u.tuvs[i]
		switch {
		case src == nil && matchLang(from, v.lang):
			src = v
		case tgt == nil && (to == "" || matchLang(to, v.lang)) && !matchLang(from, v.lang):
			tgt = v
		}
	}
	return src, tgt
}

// entry builds the memory entry of u's pair src → tgt.
func (u tmxUnit) entry(src, tgt *tmxTuv) translate.Entry {
	one := func(k string) string {
		if v := u.props[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	e := translate.Entry{
		Text: tgt.text, Source: src.text, From: src.lang, To: tgt.lang,
		Engine: one(propEngine), Model: one(propModel), Protect: translate.Protection(one(propProtect)), Glossary: one(propGlossary),
		Flags: u.props[propFlag], Reviewed: one(propReviewed) == "yes", Unchanged: one(propUnchanged) == "yes",
		Changed: u.changed,
	}
	// A unit dossier wrote says exactly what its names are; another
	// tool's marks them, and each reads in the translation as the
	// same-numbered mark there.
	var keeps []translate.Keep
	if v := one(propKeeps); v != "" && json.Unmarshal([]byte(v), &keeps) == nil && keepsFit(keeps, src.text) {
		e.Keep = keeps
		return e
	}
	for _, n := range src.names {
		k := translate.Keep{Start: n.start, End: n.end}
		for _, t := range tgt.names {
			if as := tgt.text[t.start:t.end]; t.id == n.id && as != src.text[n.start:n.end] {
				k.As = as // read otherwise than it stands
				break
			}
		}
		e.Keep = append(e.Keep, k)
	}
	return e
}

// keepsFit reports whether keeps are spans of text, in order.
func keepsFit(keeps []translate.Keep, text string) bool {
	last := 0
	for _, k := range keeps {
		if k.Start < last || k.End < k.Start || k.End > len(text) {
			return false
		}
		last = k.End
	}
	return true
}

// readTMX reads the parts of a TMX file ImportTMX uses.
func readTMX(r io.Reader) (*tmxDoc, error) {
	d := xml.NewDecoder(r)
	d.Strict = true
	doc := &tmxDoc{}
	var tu *tmxUnit
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("tmx: %w: %w", ErrFormat, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			if ee, ok := tok.(xml.EndElement); ok && ee.Name.Local == "tu" && tu != nil {
				doc.units = append(doc.units, *tu)
				tu = nil
			}
			continue
		}
		switch se.Name.Local {
		case "tmx":
			root = true
		case "header":
			doc.srclang = attrOf(se, "srclang")
		case "tu":
			tu = &tmxUnit{props: map[string][]string{}}
			tu.changed = tmxDate(cmp.Or(attrOf(se, "changedate"), attrOf(se, "creationdate")))
		case "prop":
			var v string
			if err := d.DecodeElement(&v, &se); err != nil {
				return nil, fmt.Errorf("tmx: prop: %w: %w", ErrFormat, err)
			}
			if tu != nil {
				typ := attrOf(se, "type")
				tu.props[typ] = append(tu.props[typ], v)
			}
		case "tuv":
			if tu == nil {
				continue
			}
			lang := attrOf(se, "lang") // xml:lang, or TMX 1.1's lang
			v := tmxTuv{lang: lang}
			tu.tuvs = append(tu.tuvs, v)
		case "seg":
			if tu == nil || len(tu.tuvs) == 0 {
				continue
			}
			v := &tu.tuvs[len(tu.tuvs)-1]
			if err := readSeg(d, v); err != nil {
				return nil, err
			}
		}
	}
	if !root {
		return nil, fmt.Errorf("tmx: no <tmx> element: %w", ErrFormat)
	}
	return doc, nil
}

// readSeg reads a <seg>'s content into v: its text, with names marked by
// bpt/ept pairs or <hi>, and without native codes.
func readSeg(d *xml.Decoder, v *tmxTuv) error {
	var sb strings.Builder
	open := map[string]int{}   // bpt i → where its text starts
	ids := map[string]string{} // bpt i → its x
	type hi struct {
		start int
		id    string
	}
	var his []hi
	for {
		tok, err := d.Token()
		if err != nil {
			return fmt.Errorf("tmx: seg: %w: %w", ErrFormat, err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			sb.Write(t)
		case xml.StartElement:
			switch t.Name.Local {
			case "bpt":
				i := attrOf(t, "i")
				open[i] = sb.Len()
				ids[i] = cmp.Or(attrOf(t, "x"), i)
				if err := d.Skip(); err != nil {
					return err
				}
			case "ept":
				i := attrOf(t, "i")
				if start, ok := open[i]; ok {
					v.names = append(v.names, namedSpan{start, sb.Len(), ids[i]})
					delete(open, i)
				}
				if err := d.Skip(); err != nil {
					return err
				}
			case "hi":
				his = append(his, hi{sb.Len(), attrOf(t, "x")})
			default: // ph, it, ut: native code, not text
				if err := d.Skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "hi":
				if n := len(his); n > 0 {
					h := his[n-1]
					his = his[:n-1]
					v.names = append(v.names, namedSpan{h.start, sb.Len(), h.id})
				}
			case "seg":
				v.text = sb.String()
				slices.SortFunc(v.names, func(a, b namedSpan) int { return a.start - b.start })
				return nil
			}
		}
	}
}

func attrOf(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func tmxDate(s string) time.Time {
	t, err := time.Parse(tmxTime, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
