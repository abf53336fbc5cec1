package ingest

// A Bound is one field of Limits as data: a command derives its flag,
// help, default, validation and the hint of a LimitError from it, so that
// each bound is described once.
type Bound struct {
	Name    string // as LimitError.Bound: "blocks"
	Flag    string // the option that sets it: "max-blocks"
	Unit    int    // the option counts in units of this many bytes: 1024; 1 for a count
	In      string // the unit's name, "KiB"; "" for a count
	Default int    // in units
	Help    string
	field   func(*Limits) *int
}

// Bounds lists the fields of Limits.
func Bounds() []Bound {
	return []Bound{
		{"blocks", "max-blocks", 1, "", DefaultMaxBlocks, "most blocks (paragraphs, list items, headings, table rows) in one HTML page or JSON document", func(l *Limits) *int { return &l.Blocks }},
		{"lines", "max-lines", 1, "", DefaultMaxLines, "most lines holding text in one raw text input", func(l *Limits) *int { return &l.Lines }},
		{"links", "max-links", 1, "", DefaultMaxLinks, "most links in one HTML page", func(l *Limits) *int { return &l.Links }},
		{"depth", "max-depth", 1, "", DefaultMaxDepth, "deepest nesting of a JSON input (HTML nested too deep is flattened)", func(l *Limits) *int { return &l.Depth }},
		{"string", "max-string", 1 << 10, "KiB", DefaultMaxString >> 10, "longest string in a JSON input, in KiB", func(l *Limits) *int { return &l.String }},
	}
}

// Set sets b's field of l to n units.
func (b Bound) Set(l *Limits, n int) { *b.field(l) = n * b.Unit }

// Units says what the option counts in, for messages: " (in KiB)", or "".
func (b Bound) Units() string {
	if b.In == "" {
		return ""
	}
	return " (in " + b.In + ")"
}

// BoundOf returns the bound a LimitError names.
func BoundOf(e *LimitError) (Bound, bool) {
	for _, b := range Bounds() {
		if b.Name == e.Bound {
			return b, true
		}
	}
	return Bound{}, false
}
