// Package transliterate decides when two spellings name the same person or
// place across scripts and transliteration conventions, and which spelling
// to show. It knows nothing of the pipeline.
//
// Where to begin: Match compares two full names (order free, joined and
// split parts, surname endings, patronymics and honorifics set aside);
// SameToken compares single parts; Keys gives blocking keys; a Clusterer
// groups many mentions (Cluster for bare names, ClusterVariants for
// mentions with their source's language, which names the clusters);
// CanonicalName builds the name to show from all of
// an entity's spellings (English-language sources first, then word order
// by majority of sources and each part as most Latin mentions spell it,
// in English press style), Canonical does
// so for plain lists of spellings; Romanize
// gives a comparable lower-case ASCII form; Normalizer is the
// transform.Transformer that puts text in comparable shape before any of
// that, and composes with norm.NFC and the rest of x/text. Make one
// Matcher (New) and use its methods where calls repeat. The package
// functions (Match, SameToken, Keys, Canonical) and a zero Matcher use
// one Matcher built on the first call and never changed: a Matcher is
// read-only tables, so nothing one caller does reaches another.
//
// # How names are read
//
// Each word is read by the reader for its script (Latin with Azerbaijani,
// Turkish, German and French habits; Russian, Ukrainian, Belarusian,
// Azerbaijani and Central Asian Cyrillic; Persian and Arabic script;
// Eastern and Western Armenian; Greek; Georgian) into a sequence of sound
// sets: a letter that conventions read in several ways stands for all of
// them (Russian г for g, h or q: Гасанов = Hasanov; Persian و for v, u or
// o; Latin j for English, German or French j). Arabic script does not
// write short vowels, so against it the other spelling's vowels inside a
// word cost almost nothing (بختیار meets Bakhtiyar, آقازاده Aghazadeh);
// initial ا is a vowel slot, آ is a, final ه is -e/-eh. Surname endings
// are recognized per script and compared as families: -ov/-ev/-of/-ow/
// -jew/اف, -ova/-eva, -zadeh/-zade/-zadə/زاده, -yan/-ian/-jan/յան/یان,
// -li/-lı/-lu; -ov against -ova is a conflict (a man and a woman).
//
// # Score
//
// Score.Value is 1 minus the cost of the cheapest alignment of the two
// names' sounds over the longer name's length; see TokenThreshold and
// NameThreshold. A name matches when every part meets a part of the
// other at TokenThreshold or more and the weighted mean reaches
// NameThreshold. Score.Conflict marks pairs that cannot be one entity:
// one part agrees and another clearly differs (Heydar Aliyev, Ilham
// Aliyev), or -ov meets -ova.
//
// # Alias file
//
// An alias file lists known entities, one per line, fields separated by
// tabs; blank lines and lines starting with # are skipped:
//
//	# canonical	variant	variant	…	lang:form	…
//	Khankendi	Xankəndi	Stepanakert	Степанакерт	hy:Ստեփանակերտ	fa:خانکندی
//	Bakhtiyar Aghazadeh	Baxtiyar Ağazadə	fa:بختیار آقازاده	ru:Бахтияр Агазаде
//
// The first field is the spelling to show. Other fields are spellings of
// the same entity; a field "lang:form" (a two- or three-letter language
// code, optionally with a region or script, then a colon) is also a
// spelling, and the entity's form in that language (Aliases.Form).
// Spellings are looked up without regard to case, Arabic letter forms,
// ZWNJ or punctuation; one spelling may not name two entities. A
// Clusterer with Aliases joins each entry's spellings, never merges two
// entries, and names an entry's cluster by its canonical spelling.
// testdata/aliases.tsv is an example; `dossier names cluster --aliases`
// and `dossier names match --aliases` read the same format.
package transliterate
