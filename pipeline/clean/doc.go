// Package clean turns a scraped page into a clean pipeline.Document:
// title, date, authors, section, reading time and standfirst in Meta, and
// the article's headings, paragraphs, quotes and lists as Blocks, with
// menus, share bars, cookie notices, related-article teasers and comments
// left out.
//
// Start with Text (a page copied or scraped to plain text) or HTML (a web
// page, read with go-trafilatura and then given the same cleanup). Both
// read pages as a person would: furniture clusters at the top and bottom,
// is short and unpunctuated, and says the same few things in every
// language; the title stands just above the date and byline. ParseDate
// reads publication dates in the languages and calendars dossier meets.
// A Cleaner holds the language detector; the package-level functions
// build one per call.
package clean
