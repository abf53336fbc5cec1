package pipeline

import (
	"strings"
)

// A Document is one article. A Stage may change it in Apply but must not
// keep it afterwards.
type Document struct {
	Meta     Meta         `json:"meta"`
	Blocks   []Block      `json:"blocks"`
	Mentions []Mention    `json:"mentions,omitempty"` // spans over block text, added by names
	Trail    []Provenance `json:"trail,omitempty"`    // engine and model per translated text, added by translate
}

// Meta is what is known about an article besides its text.
type Meta struct {
	Title       string    `json:"title"`
	Standfirst  string    `json:"standfirst,omitempty"`
	Authors     []string  `json:"authors,omitempty"`
	Published   *Date     `json:"published,omitempty"`
	Section     string    `json:"section,omitempty"`
	Outlet      string    `json:"outlet,omitempty"`          // the publication, e.g. "IranWire"
	Source      string    `json:"source,omitempty"`          // URL or file the article came from
	Language    string    `json:"language,omitempty"`        // BCP 47 tag of the text as it stands now
	Direction   Direction `json:"direction,omitempty"`       // of Language's script
	ReadingTime int       `json:"reading_minutes,omitempty"` // as stated by the outlet
	// Original is set once the text has been translated: what it was before.
	Original *Original `json:"original,omitempty"`
}

// Original records the language and title an article had before translation,
// and the engine that translated it.
type Original struct {
	Language string `json:"language"`
	Title    string `json:"title,omitempty"`
	Engine   string `json:"engine,omitempty"`
	Model    string `json:"model,omitempty"`
}

// Direction is the writing direction of a text: "ltr" or "rtl".
type Direction string

const (
	LeftToRight Direction = "ltr"
	RightToLeft Direction = "rtl"
)

// BlockKind names the kinds of block an article is made of.
type BlockKind string

const (
	Heading   BlockKind = "heading"
	Paragraph BlockKind = "paragraph"
	Quote     BlockKind = "quote" // Items are the quoted paragraphs
	List      BlockKind = "list"  // Items are the list items
)

// A Block is one unit of the article body. Headings and paragraphs keep
// their text in Text; quotes and lists keep theirs in Items.
type Block struct {
	Kind        BlockKind `json:"kind"`
	Level       int       `json:"level,omitempty"` // headings: 1–3, 1 the highest below the title
	Text        string    `json:"text,omitempty"`
	Items       []string  `json:"items,omitempty"`
	Ordered     bool      `json:"ordered,omitempty"`     // lists
	Attribution string    `json:"attribution,omitempty"` // quotes: the outlet or person quoted
	Lang        string    `json:"lang,omitempty"`        // BCP 47, only where it differs from Meta.Language
}

// HasItems reports whether the block keeps its text in Items.
func (b *Block) HasItems() bool { return b.Kind == Quote || b.Kind == List }

// Texts returns pointers to every text unit of the block, in order, so a
// stage can read or rewrite them without switching on the kind.
func (b *Block) Texts() []*string {
	if !b.HasItems() {
		return []*string{&b.Text}
	}
	out := make([]*string, len(b.Items))
	for i := range b.Items {
		out[i] = &b.Items[i]
	}
	return out
}

// A Ref addresses one text unit: a block, and for quotes and lists one of
// its Items. Item is 0 for headings and paragraphs. Block MetaBlock
// addresses the metadata instead: Item TitleItem is the title,
// StandfirstItem the standfirst, AuthorItem(i) the i-th author.
type Ref struct {
	Block int `json:"block"`
	Item  int `json:"item,omitempty"`
}

// The metadata as text units, so names in titles and bylines can be found
// and translations of titles recorded like any other.
const (
	MetaBlock      = -1
	TitleItem      = 0
	StandfirstItem = 1
)

// AuthorItem returns the Item of the i-th author under MetaBlock.
func AuthorItem(i int) int { return 2 + i }

// metaText returns a pointer to the metadata unit item, or nil.
func (d *Document) metaText(item int) *string {
	switch {
	case item == TitleItem:
		return &d.Meta.Title
	case item == StandfirstItem:
		return &d.Meta.Standfirst
	case item >= AuthorItem(0) && item < AuthorItem(len(d.Meta.Authors)):
		return &d.Meta.Authors[item-AuthorItem(0)]
	}
	return nil
}

// MetaUnits calls f for the title, the standfirst and every author that
// is not empty, in that order. f may rewrite the text through the pointer.
func (d *Document) MetaUnits(f func(r Ref, text *string)) {
	for item := 0; item < AuthorItem(len(d.Meta.Authors)); item++ {
		if t := d.metaText(item); *t != "" {
			f(Ref{Block: MetaBlock, Item: item}, t)
		}
	}
}

// Text returns the text unit r points at, or "" when r is out of range.
func (d *Document) Text(r Ref) string {
	if r.Block == MetaBlock {
		if t := d.metaText(r.Item); t != nil {
			return *t
		}
		return ""
	}
	if r.Block < 0 || r.Block >= len(d.Blocks) {
		return ""
	}
	t := d.Blocks[r.Block].Texts()
	if r.Item < 0 || r.Item >= len(t) {
		return ""
	}
	return *t[r.Item]
}

// Units calls f for every text unit of the document in reading order.
// f may rewrite the text through the pointer.
func (d *Document) Units(f func(r Ref, text *string)) {
	for bi := range d.Blocks {
		for ii, t := range d.Blocks[bi].Texts() {
			f(Ref{Block: bi, Item: ii}, t)
		}
	}
}

// PlainText returns the title and body as plain paragraphs, one per line,
// for language detection, statistics and search.
func (d *Document) PlainText() string {
	var sb strings.Builder
	if d.Meta.Title != "" {
		sb.WriteString(d.Meta.Title)
		sb.WriteByte('\n')
	}
	if d.Meta.Standfirst != "" {
		sb.WriteString(d.Meta.Standfirst)
		sb.WriteByte('\n')
	}
	d.Units(func(_ Ref, t *string) {
		sb.WriteString(*t)
		sb.WriteByte('\n')
	})
	return sb.String()
}

// A Mention is a name found in the text: a span of one text unit, and the
// entity it was linked to.
type Mention struct {
	Ref
	Start     int    `json:"start"` // byte offsets into the text unit, end exclusive
	End       int    `json:"end"`
	Text      string `json:"text"`             // the surface form as it stands in the text
	Entity    string `json:"entity,omitempty"` // stable id, shared across the batch
	Canonical string `json:"canonical,omitempty"`
	Kind      string `json:"kind,omitempty"` // "person" or "place"
	// Unresolved is set when a partial name ("Rasulov") could mean more than
	// one entity of the article; Entity is then empty.
	Unresolved bool `json:"unresolved,omitempty"`
	// Unsure is set when the names stage found the mention on little
	// evidence (one word the tagger doubts, or a phrase only the rest of
	// the batch vouches for): the names index lists it, translation does
	// not protect it.
	Unsure bool `json:"unsure,omitempty"`
	// Found is the surface form as first found, where rewriting to the
	// canonical spelling or translation has since changed Text; the names
	// index lists the spellings the sources used.
	Found string `json:"found,omitempty"`
}

// Provenance records how one text unit came to read as it does.
type Provenance struct {
	Ref
	Engine string `json:"engine"`
	Model  string `json:"model,omitempty"`
	From   string `json:"from"`
	To     string `json:"to"`
	Cached bool   `json:"cached,omitempty"`
	Flags  []Flag `json:"flags,omitempty"` // what the checks found wrong, e.g. a protected name lost
}
