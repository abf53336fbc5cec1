// Package names finds the people and places an article names, links them
// across every article of a batch whatever the script or spelling, and
// gives each one entity id and one canonical name.
//
// Start with New, a pipeline.BatchStage: it fills Document.Mentions, in
// the body and in the title, standfirst and bylines (Ref.Block
// pipeline.MetaBlock; a byline is a person when it reads as a personal
// name, not "Staff Reporter" or "Reuters"). Then BuildIndex lists the
// entities of a batch with the spellings the sources used, and Rewrite
// respells mentions to their canonical form, keeping the original in
// Mention.Found; NameForm tells a translator how a mention should read.
//
// Finding works from cues, not from capitals alone: a title or role before
// a name ("President", "Президент", "رئیس‌جمهور"), a place cue ("city of",
// "в городе", "şəhərində", "شهر"), a known given name, a surname ending
// (-ov, -yan, -zadeh, -اف), a gazetteer entry, a case ending of place. A
// capitalized phrase with no cue, and any word of a script without
// capitals, is a name only if the cued names of the batch confirm it.
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
