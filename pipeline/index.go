package pipeline

// An Index lists the people and places named across a batch: one Entity
// per real-world person or place, whatever the spellings.
type Index struct {
	Entities []Entity `json:"entities"`
}

// An Entity is one person or place and every way the batch names it.
type Entity struct {
	ID        string          `json:"id"`
	Canonical string          `json:"canonical"`
	Kind      string          `json:"kind"` // "person" or "place"
	Variants  []Variant       `json:"variants"`
	Mentions  []EntityMention `json:"mentions"`
}

// A Variant is one surface spelling and how often it was seen.
type Variant struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// An EntityMention places one mention in its article. Start and End are
// byte offsets into the text unit Block/Item of that article.
type EntityMention struct {
	File  string `json:"file"`
	Text  string `json:"text"`
	Block int    `json:"block"`
	Item  int    `json:"item,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}
