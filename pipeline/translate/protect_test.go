package translate

import (
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

func TestProtects(t *testing.T) {
	for _, tc := range []struct {
		name, text, span, kind, canonical string
		want                              bool
	}{
		{"full name with a given name", "Coach Nick Nurse said so.", "Nick Nurse", "person", "", true},
		{"surname cue and an uncommon word", "He met Elnur Rasulov there.", "Elnur Rasulov", "person", "", true},
		{"product", "Buy Pokemon Sword today.", "Pokemon Sword", "person", "", false},
		{"common words", "the Full Stop campaign", "Full Stop", "person", "", false},
		{"abbreviation", "many Tory MPs voted", "Tory MPs", "person", "", false},
		{"surname of a full name", "Buttigieg spoke.", "Buttigieg", "person", "Pete Buttigieg", true},
		{"common surname of a full name", "Trump spoke.", "Trump", "person", "Donald Trump", true},
		{"common surname, common first name", "Sports have been hit.", "Sports", "person", "Grant Sports", false},
		{"first name of a full name", "Bill spoke.", "Bill", "person", "Bill de Blasio", false},
		{"single word alone", "Apple’s chip is fast.", "Apple", "person", "", false},
		{"after a title", "said President Trump.", "Trump", "person", "", true},
		{"place with a Spanish name", "flights to Tehran", "Tehran", "place", "", true},
		{"place of uncommon words", "in Bandar Abbas", "Bandar Abbas", "place", "", true},
		{"place of common words", "the Oval Office", "Oval Office", "place", "", false},
		{"place with a common word", "in Inner Mongolia", "Inner Mongolia", "place", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := strings.Index(tc.text, tc.span)
			m := pipeline.Mention{Start: at, End: at + len(tc.span), Text: tc.span, Kind: tc.kind, Canonical: tc.canonical}
			doc := &pipeline.Document{Meta: pipeline.Meta{Language: "en"}, Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: tc.text}}, Mentions: []pipeline.Mention{m}}
			if got := NewGuard([]*pipeline.Document{doc}, "es").Protects(doc, m); got != tc.want {
				t.Errorf("Protects(%q in %q) = %v, want %v", tc.span, tc.text, got, tc.want)
			}
		})
	}
	apple := pipeline.Mention{Start: 0, End: 5, Text: "Apple", Kind: "person", Unsure: true}
	az := &pipeline.Document{Meta: pipeline.Meta{Language: "az"}, Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: "Apple"}}}
	if NewGuard(nil, "es").Protects(az, apple) {
		t.Error("an unsure mention is protected")
	}
	apple.Unsure = false
	if !NewGuard(nil, "es").Protects(az, apple) {
		t.Error("outside English every sure mention is protected")
	}
	// A surname alone, in a document that never gives the full name:
	// protected when another document of the batch has it.
	full := &pipeline.Document{Meta: pipeline.Meta{Language: "en"}, Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: "Donald Trump spoke."}},
		Mentions: []pipeline.Mention{{Start: 0, End: 12, Text: "Donald Trump", Kind: "person"}}}
	alone := &pipeline.Document{Meta: pipeline.Meta{Language: "en"}, Blocks: []pipeline.Block{{Kind: pipeline.Paragraph, Text: "The Trump administration said so."}},
		Mentions: []pipeline.Mention{{Start: 4, End: 9, Text: "Trump", Kind: "person"}}}
	if NewGuard([]*pipeline.Document{alone}, "es").Protects(alone, alone.Mentions[0]) {
		t.Error("a common word alone is protected")
	}
	if !NewGuard([]*pipeline.Document{full, alone}, "es").Protects(alone, alone.Mentions[0]) {
		t.Error("a surname whose full name the batch has is not protected")
	}
}

func TestFemale(t *testing.T) {
	for text, want := range map[string]bool{
		"Elena Ivanova":   true,
		"Ivanova":         false, // one word, and no canonical name to go by
		"Sarah Connor":    true,
		"John Connor":     false,
		"Aysel Məmmədova": true,
		"Dana Petrová":    true,
		"Zahir Askarov":   false,
	} {
		m := pipeline.Mention{Text: text, Kind: KindPerson}
		if got := female(m); got != want {
			t.Errorf("female(%q) = %v, want %v", text, got, want)
		}
	}
	if !female(pipeline.Mention{Text: "Ivanova", Canonical: "Elena Ivanova", Kind: KindPerson}) {
		t.Error("female(Ivanova of Elena Ivanova) = false")
	}
}
