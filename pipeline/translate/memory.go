package translate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline"
)

// An Entry is what the translation memory (Options.Cache) holds for one
// segment: the translation and, in entries written since cache format 3,
// the segment it translates and what translated it, so that the memory
// can be handed to translators (package tm writes TMX and XLIFF) and a
// person's translation told from an engine's. Entries written before
// lack Source and the fields after it; they still answer lookups.
type Entry struct {
	Text      string   `json:"t"`
	Flags     []string `json:"f,omitempty"`
	Unchanged bool     `json:"u,omitempty"`

	Source  string     `json:"s,omitempty"`
	Keep    []Keep     `json:"k,omitempty"` // protected spans of Source
	From    string     `json:"fr,omitempty"`
	To      string     `json:"to,omitempty"`
	Engine  string     `json:"e,omitempty"`
	Model   string     `json:"m,omitempty"`
	Protect Protection `json:"p,omitempty"`
	// Glossary is the hash of the glossary entries that applied to the
	// pair, part of the key: a changed glossary is a new translation.
	Glossary string `json:"g,omitempty"`
	// Reviewed marks a translation a person made or approved. It is
	// stored under ReviewedKey, which no engine's answer is ever written
	// to, and is looked up before the engine's, --refresh or not.
	Reviewed bool      `json:"r,omitempty"`
	Changed  time.Time `json:"at,omitzero"` // when it was written, UTC
}

// Segment returns the segment e translates.
func (e Entry) Segment() Segment { return Segment{Text: e.Source, Keep: e.Keep} }

// Complete reports whether e says what it translates, which entries
// written before cache format 3 do not.
func (e Entry) Complete() bool { return e.Source != "" && e.From != "" && e.To != "" }

// Key returns the key e belongs under: ReviewedKey for a reviewed entry,
// else the key of its engine's translation.
func (e Entry) Key() string {
	if e.Reviewed {
		return ReviewedKey(e.From, e.To, e.Segment())
	}
	return Key(e.Engine, e.Model, e.Protect, e.Glossary, e.From, e.To, e.Segment())
}

// DecodeEntry reads an entry as the memory stores it.
func DecodeEntry(b []byte) (Entry, error) {
	var e Entry
	if err := json.Unmarshal(b, &e); err != nil {
		return Entry{}, fmt.Errorf("memory entry: %w", err)
	}
	return e, nil
}

// Encode returns e as the memory stores it.
func (e Entry) Encode() ([]byte, error) { return json.Marshal(e) }

// Key returns the memory key of an engine's translation of seg from one
// language into another: everything that shapes it, hashed, so the text
// itself never lands in a key.
func Key(engine, model string, protect Protection, glossary, from, to string, seg Segment) string {
	h := sha256.New()
	// seg's keeps carry no As: how a batch spells its names is put in
	// after, so the key depends on the segment alone.
	for _, part := range []string{"dossier-translate/v2", engine, model, from, to, string(protect), glossary} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	for _, k := range seg.Keep {
		fmt.Fprintf(h, "%d:%d:%s:%s\x00", k.Start, k.End, k.Kind, k.As)
		if k.Female {
			h.Write([]byte("f\x00")) // only then, so that other keys stay as they were
		}
	}
	h.Write([]byte(seg.Text))
	return hex.EncodeToString(h.Sum(nil))
}

// ReviewedKey returns the memory key of a person's translation of seg. It
// leaves out the engine, and how each protected name was to be spelt: a
// reviewed translation answers whichever engine is asked, and its
// translator wrote the names as they saw fit. Language tags are
// canonicalised ("EN-us" is "en-US"), since CAT tools spell them their own
// way.
func ReviewedKey(from, to string, seg Segment) string {
	h := sha256.New()
	for _, part := range []string{"dossier-translate/reviewed/v1", canonicalTag(from), canonicalTag(to)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	for _, k := range seg.Keep {
		fmt.Fprintf(h, "%d:%d\x00", k.Start, k.End)
	}
	h.Write([]byte(seg.Text))
	return hex.EncodeToString(h.Sum(nil))
}

func canonicalTag(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	return t.String()
}

// A Planned is one segment of a batch as the stage cuts it.
type Planned struct {
	Doc     int          // index of its document in the batch
	Ref     pipeline.Ref // the text it is part of
	From    string       // its source language
	Segment Segment
	Key     string // its engine's memory key
}

// Segments lists the segments of docs as ApplyBatch would cut and key
// them, in document order and with repeats, without reading the memory
// or sending anything. Documents whose source language is unknown are
// left out.
func (s *Stage) Segments(docs []*pipeline.Document) []Planned {
	var out []Planned
	prot := newGuard(docs, s.opt.To, s.opt.PlaceName)
	for di, doc := range docs {
		units, err := s.units(di, doc)
		if err != nil {
			continue
		}
		for ui := range units {
			u := &units[ui]
			_, segs := Split(u.text, u.from, s.keeps(prot, doc, u), segmentLimits(s.caps))
			for _, seg := range segs {
				seg = engineSegment(seg) // as plan keys and stores it
				out = append(out, Planned{Doc: di, Ref: u.ref, From: u.from, Segment: seg, Key: s.key(u.from, seg)})
			}
		}
	}
	return out
}

// Lookup returns what the memory holds for p: a reviewed translation if
// there is one, else the engine's. ok is false when it holds neither.
func (s *Stage) Lookup(p Planned) (e Entry, ok bool, err error) {
	if s.opt.Cache == nil {
		return Entry{}, false, nil
	}
	for _, key := range []string{ReviewedKey(p.From, s.opt.To, p.Segment), p.Key} {
		b, err := s.opt.Cache.Get(key)
		if err != nil {
			return Entry{}, false, err
		}
		if b == nil {
			continue
		}
		e, err := DecodeEntry(b)
		if err != nil {
			return Entry{}, false, err
		}
		return e, true, nil
	}
	return Entry{}, false, nil
}

// To returns the stage's target language.
func (s *Stage) To() string { return s.opt.To }

// Engine returns the engine and model the stage translates with.
func (s *Stage) Engine() (engine, model string) { return s.caps.Engine, s.caps.Model }
