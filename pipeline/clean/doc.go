// Package clean turns a scraped page into a clean pipeline.Document:
// title, date, authors, section, reading time and standfirst in Meta, and
// the article's headings, paragraphs, quotes and lists as Blocks, with
// menus, share bars, cookie notices, paywall offers, related-article
// teasers and comments left out.
//
// Start with Text (a page copied or scraped to plain text) or HTML (a web
// page, read with go-trafilatura and then given the same cleanup). Both
// read pages as a person would: furniture clusters at the top and bottom,
// is short and unpunctuated, and says the same few things in every
// language (words.go holds those vocabularies); the title stands next to
// the date and byline, above or below them; a menu entry printed again
// above the title is the section. In a raw text the article is the
// page's densest run of prose, its header the dates and bylines nearest
// above it, and its title the headline-shaped line near it whose words
// the body uses. Lengths are counted in characters, so
// the rules weigh Cyrillic, Armenian and Arabic-script lines as they
// weigh Latin ones. In the body, a teaser box that prose follows is
// skipped and one that ends the text ends the article, as do comments, a
// paywall's offer and a wire story's credit line; a table of contents and
// pull quotes, which repeat the text, are dropped.
//
// For HTML, the page's own blocks around the title fill in what
// trafilatura leaves out: a byline, a dateline, a lead, headings of
// live-blog posts; JSON-LD and <time> tags make the date precise.
// ParseDate reads publication dates in the languages and calendars
// dossier meets. A Cleaner holds the language detector; the package-level
// functions build one per call.
package clean
