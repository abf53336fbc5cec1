// Package names finds the people and places an article names, links them
// across every article of a batch whatever the script or spelling, and
// gives each one entity id and one canonical name.
//
// Start with New, a pipeline.Stage: it fills Document.Mentions, in
// the body and in the title, standfirst and bylines (Ref.Block
// pipeline.MetaBlock; a byline is a person when it reads as a personal
// name, not "Staff Reporter" or "Reuters"). Then BuildIndex lists the
// entities of a batch with the spellings the sources used, and Rewrite
// respells mentions to their canonical form, keeping the original in
// Mention.Found; NameForm tells a translator how a mention should read.
//
// Finding is done by a trained tagger (package ner), sentence by
// sentence, with the stage's cues as filters and helpers (tagger.go): a
// title or role before a name ("President", "Президент", "رئیس‌جمهور"), a
// place cue ("city of", "в городе", "şəhərində", "شهر"), a known given
// name, a surname ending (-ov, -yan, -zadeh, -اف), a gazetteer entry, a
// case ending of place. A name a cue marks keeps the cue's reading where
// the tagger also reads a name there; a tagger span is cut at punctuation
// and stripped of titles; countries, nationality words and organizations
// are left out. Detection and linking are separate: a capitalized phrase
// the tagger passes over, a word opening a sentence, a headline's words,
// and any word of a script without capitals the tagger does not mark are
// names only if the confident names of the batch confirm them.
// Inflected forms are reduced to their base first (Арифом → Ариф,
// Bakıda → Bakı) and keep their ending when rewritten.
//
// What is indexed: persons, and places that are settlements or regions.
// Countries and seas are recognised (by the gazetteer and by their
// adjectives, "Iranian") only to be left out: in news a country is mostly
// an actor ("Iran said…"), not a place something happened, and listing it
// in every article's index would drown the names that matter.
// Organizations, events, products and outlets are not mentions either;
// words such as "Service", "Day", "Corps" mark such phrases.
package names
