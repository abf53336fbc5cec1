package tm

import (
	"bufio"
	"cmp"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
)

// An Article is one document of a batch to post-edit: one XLIFF <file>.
type Article struct {
	Original string // where it came from: the input's name
	Title    string
	From, To string
	Units    []Unit
}

// A Unit is one segment to post-edit with its translation in the memory.
type Unit struct {
	Key   string          // the memory key Entry is stored under
	Where string          // the text it is part of: "title", "block 3"…
	Entry translate.Entry // Source, Keep and Text at least
}

// WriteXLIFF writes the articles as XLIFF 1.2 for post-editing: one
// <file> per article, one <trans-unit> per distinct segment, its source
// and its translation (state needs-review-translation, or translated when
// a person already reviewed it), protected names as <g> codes, and a note
// with the article, the place, the engine and the translation's flags.
// The unit's resname is its memory key, which ImportXLIFF reads back.
func WriteXLIFF(w io.Writer, tool Tool, articles []Article) error {
	tool = tool.orDefault()
	bw := bufio.NewWriter(w)
	bw.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n")
	for _, a := range articles {
		fmt.Fprintf(bw, "  <file original=%s source-language=%s target-language=%s datatype=\"plaintext\" tool-id=%s>\n",
			attr(a.Original), attr(a.From), attr(a.To), attr(tool.Name))
		fmt.Fprintf(bw, "    <header>\n      <tool tool-id=%s tool-name=%s tool-version=%s/>\n",
			attr(tool.Name), attr(tool.Name), attr(tool.Version))
		fmt.Fprintf(bw, "      <note from=%s>%s</note>\n    </header>\n    <body>\n", attr(tool.Name),
			text("article: "+a.Original+"; title: "+a.Title+"; names in <g ctype=\""+nameType+"\"> must stay as they are"))
		seen := map[string]bool{}
		n := 0
		for _, u := range a.Units {
			if seen[u.Key] {
				continue
			}
			seen[u.Key] = true
			n++
			e := u.Entry
			state := "needs-review-translation"
			if e.Reviewed {
				state = "translated"
			}
			fmt.Fprintf(bw, "      <trans-unit id=\"s%d\" resname=%s>\n", n, attr(u.Key))
			fmt.Fprintf(bw, "        <source xml:lang=%s>%s</source>\n", attr(a.From), xliffSeg(e.Source, sourceNames(e.Segment())))
			fmt.Fprintf(bw, "        <target xml:lang=%s state=%s>%s</target>\n", attr(a.To), attr(state), xliffSeg(e.Text, targetNames(e.Segment(), e.Text)))
			fmt.Fprintf(bw, "        <note from=%s>%s</note>\n", attr(tool.Name), text(unitNote(a, u)))
			bw.WriteString("      </trans-unit>\n")
		}
		bw.WriteString("    </body>\n  </file>\n")
	}
	bw.WriteString("</xliff>\n")
	return bw.Flush()
}

// unitNote says where a unit comes from and what is known to be wrong
// with its translation.
func unitNote(a Article, u Unit) string {
	e := u.Entry
	parts := []string{"article: " + a.Original, u.Where}
	switch {
	case e.Reviewed:
		parts = append(parts, "reviewed")
	case e.Engine != "":
		parts = append(parts, "engine: "+strings.TrimSpace(e.Engine+" "+e.Model))
	}
	if len(e.Flags) > 0 {
		parts = append(parts, "flags: "+strings.Join(e.Flags, ", "))
	}
	return strings.Join(parts, "; ")
}

// xliffSeg writes s with each name in names as a <g> code.
func xliffSeg(s string, names []span) string {
	var sb strings.Builder
	last := 0
	for _, n := range names {
		sb.WriteString(text(s[last:n.Start]))
		fmt.Fprintf(&sb, `<g id="n%d" ctype="%s">%s</g>`, n.n, nameType, text(s[n.Start:n.End]))
		last = n.End
	}
	sb.WriteString(text(s[last:]))
	return sb.String()
}

// XLIFFReport counts what ImportXLIFF did.
type XLIFFReport struct {
	Reviewed int // translations changed by a person, stored as reviewed
	// Approved counts machine translations a person approved as they
	// were (approved="yes", or state final or signed-off): stored as
	// reviewed too.
	Approved  int
	Unchanged int // units whose target is what the memory holds
	Skipped   int // units without a target
	// Unknown counts units whose resname is no entry of the memory (a
	// file from another memory, or a memory since cleared).
	Unknown int
}

// ImportXLIFF reads a post-edited XLIFF file that WriteXLIFF wrote and
// stores every target that differs from the translation exported as a
// reviewed translation of its segment. A unit whose source no longer
// reads as its memory entry's fails the import before anything is stored:
// the file does not belong to this memory.
func ImportXLIFF(ctx context.Context, r io.Reader, mem Memory, now time.Time) (XLIFFReport, error) {
	var rep XLIFFReport
	units, err := readXLIFF(r)
	if err != nil {
		return rep, err
	}
	type edit struct {
		key      string
		e        translate.Entry
		approved bool
	}
	var edits []edit
	for _, u := range units {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if !u.hasTarget {
			rep.Skipped++
			continue
		}
		b, err := mem.Get(u.resname)
		if err != nil {
			return rep, err
		}
		if b == nil {
			rep.Unknown++
			continue
		}
		e, err := translate.DecodeEntry(b)
		if err != nil || !e.Complete() {
			rep.Unknown++
			continue
		}
		if u.source != e.Source {
			return rep, fmt.Errorf("xliff: unit %s: source %q is not the memory's %q: %w", u.id, u.source, e.Source, ErrFormat)
		}
		approved := false
		if u.target == e.Text {
			if e.Reviewed || !u.approved {
				rep.Unchanged++
				continue
			}
			approved = true
		} else {
			e.Text, e.Flags, e.Unchanged = u.target, nil, false
		}
		e.Reviewed, e.Changed = true, now.UTC()
		edits = append(edits, edit{e.Key(), e, approved})
	}
	for _, ed := range edits {
		b, err := ed.e.Encode()
		if err != nil {
			return rep, err
		}
		if err := mem.Put(ed.key, b); err != nil {
			return rep, err
		}
		if ed.approved {
			rep.Approved++
		} else {
			rep.Reviewed++
		}
	}
	return rep, nil
}

type xliffUnit struct {
	id, resname    string
	source, target string
	hasTarget      bool
	approved       bool // approved="yes", or a final or signed-off target
}

// readXLIFF reads the trans-units of an XLIFF 1.2 file: the text of source
// and target, names (<g>, <mrk>) as their text, native codes (<x/>, <ph>,
// <bpt>…) left out.
func readXLIFF(r io.Reader) ([]xliffUnit, error) {
	d := xml.NewDecoder(r)
	d.Strict = true
	var units []xliffUnit
	var cur *xliffUnit
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("xliff: %w: %w", ErrFormat, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "xliff":
				if v := attrOf(t, "version"); v != "1.2" && v != "1.1" {
					return nil, fmt.Errorf("xliff: version %q (want 1.2): %w", v, ErrFormat)
				}
				root = true
			case "trans-unit":
				cur = &xliffUnit{id: attrOf(t, "id"), resname: attrOf(t, "resname"), approved: attrOf(t, "approved") == "yes"}
			case "source", "target":
				if cur == nil {
					if err := d.Skip(); err != nil {
						return nil, err
					}
					continue
				}
				s, err := inlineText(d)
				if err != nil {
					return nil, err
				}
				if t.Name.Local == "source" {
					cur.source = s
				} else {
					cur.target, cur.hasTarget = s, true
					if st := attrOf(t, "state"); st == "final" || st == "signed-off" {
						cur.approved = true
					}
				}
			case "alt-trans":
				// Other tools' suggestions hold sources and targets too.
				if err := d.Skip(); err != nil {
					return nil, err
				}
			}
		case xml.EndElement:
			if t.Name.Local == "trans-unit" && cur != nil {
				units = append(units, *cur)
				cur = nil
			}
		}
	}
	if !root {
		return nil, fmt.Errorf("xliff: no <xliff> element: %w", ErrFormat)
	}
	return units, nil
}

// inlineText returns the text of the element just opened, through to its
// end: text of <g> and <mrk> kept, other inline codes dropped.
func inlineText(d *xml.Decoder) (string, error) {
	var sb strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return "", fmt.Errorf("xliff: %w: %w", ErrFormat, err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			sb.Write(t)
		case xml.StartElement:
			switch t.Name.Local {
			case "g", "mrk":
				depth++
			default: // x, bx, ex, ph, bpt, ept, it: native code
				if err := d.Skip(); err != nil {
					return "", err
				}
			}
		case xml.EndElement:
			if depth == 0 {
				return sb.String(), nil
			}
			depth--
		}
	}
}

// Articles gathers the segments of docs, as st cuts them, with what the
// memory st reads holds for each, ready for WriteXLIFF. missing counts
// the segments the memory has no translation of (a run that failed for
// them): they are left out.
func Articles(st *translate.Stage, docs []*pipeline.Document) (articles []Article, missing int, err error) {
	byDoc := map[int]*Article{}
	var order []int
	for _, p := range st.Segments(docs) {
		e, ok, err := st.Lookup(p)
		if err != nil {
			return nil, missing, err
		}
		if !ok || !e.Complete() {
			missing++
			continue
		}
		a := byDoc[p.Doc]
		if a == nil {
			doc := docs[p.Doc]
			a = &Article{Original: cmp.Or(doc.Meta.Source, "article "+strconv.Itoa(p.Doc+1)), Title: doc.Meta.Title, From: p.From, To: st.To()}
			byDoc[p.Doc] = a
			order = append(order, p.Doc)
		}
		a.Units = append(a.Units, Unit{Key: e.Key(), Where: where(p.Ref), Entry: e})
	}
	for _, di := range order {
		articles = append(articles, *byDoc[di])
	}
	return articles, missing, nil
}

// where describes a place in a document for a unit's note.
func where(r pipeline.Ref) string {
	switch r {
	case translate.TitleRef():
		return "title"
	case translate.StandfirstRef():
		return "standfirst"
	}
	if r.Item > 0 {
		return "block " + strconv.Itoa(r.Block) + " item " + strconv.Itoa(r.Item)
	}
	return "block " + strconv.Itoa(r.Block)
}
