// Command hostile writes the hostile inputs of issues 17 and 18 into a
// folder, each beside a good article, so a run over the folder shows
// whether one bad input sinks the batch:
//
//	go run ./bench/hostile -out /tmp/hostile
//	/usr/bin/time -v dossier clean --max-size 128 /tmp/hostile/<name> /tmp/hostile/good.txt
//
// Every file is generated here; nothing is copied from real pages.
package main

import (
	"bytes"

	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

const sentence = "The minister said on Tuesday that the talks in Baku would go on next week, according to officials. "

const good = `Talks in Baku go on

November 22, 2022

By Jane Doe

` + sentence + sentence + sentence + `

` + sentence + sentence + `
`

func main() {
	out := flag.String("out", "hostile", "folder to write into")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(*out, name), b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write("good.txt", []byte(good))

	// A JSON document whose one block holds a 50 MiB string.
	var big bytes.Buffer
	big.WriteString(`{"meta":{"title":"Big"},"blocks":[{"kind":"paragraph","text":"`)
	for big.Len() < 50<<20 {
		big.WriteString("word word word word word word word word word ")
	}
	big.WriteString(`"}]}`)
	write("json-long-string.json", big.Bytes())

	// A JSON document with 300,000 blocks.
	var many bytes.Buffer
	many.WriteString(`{"meta":{"title":"Many"},"blocks":[`)
	for i := 0; i < 300000; i++ {
		if i > 0 {
			many.WriteByte(',')
		}
		fmt.Fprintf(&many, `{"kind":"paragraph","text":"Paragraph %d says little."}`, i)
	}
	many.WriteString(`]}`)
	write("json-many-blocks.json", many.Bytes())

	// JSON nested 100,000 deep.
	write("json-deep.json", []byte(`{"meta":{"title":"Deep"},"blocks":[{"kind":"paragraph","text":"x","lang":`+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+`}]}`))

	// Malformed JSON.
	write("json-malformed.json", []byte("{\"meta\": {\"title\": \"Broken\"},\n \"blocks\": [{\"kind\": \"paragraph\", \"text\": \"x\"},]}\n"))

	page := func(body string) []byte {
		return []byte("<!doctype html><html><head><meta charset=utf-8><title>Page</title></head><body><article><h1>Page</h1>" + body + "</article></body></html>")
	}
	// 20,000 paragraphs.
	var paras strings.Builder
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&paras, "<p>Paragraph %d: %s</p>\n", i, sentence)
	}
	write("html-20k-paragraphs.html", page(paras.String()))

	// 100,000 links.
	var links strings.Builder
	links.WriteString("<p>" + sentence + sentence + "</p><ul>")
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&links, `<li><a href="/a/%d">Link %d</a></li>`, i, i)
	}
	links.WriteString("</ul>")
	write("html-100k-links.html", page(links.String()))

	// Deep nesting: 100k unclosed <b>, nested lists, tables, blockquotes.
	write("html-100k-b.html", page("<p>"+sentence+sentence+strings.Repeat("<b>", 100000)+sentence+sentence+"</p>"))
	write("html-nested-lists.html", page("<p>"+sentence+sentence+"</p>"+strings.Repeat("<ul><li>", 2000)+sentence+sentence+strings.Repeat("</li></ul>", 2000)))
	write("html-nested-tables.html", page("<p>"+sentence+sentence+"</p>"+strings.Repeat("<table><tr><td>", 1000)+sentence+sentence+strings.Repeat("</td></tr></table>", 1000)))
	write("html-nested-quotes.html", page("<p>"+sentence+sentence+"</p>"+strings.Repeat("<blockquote>", 2000)+sentence+sentence+strings.Repeat("</blockquote>", 2000)))

	// Encodings.
	encode := func(e encoding.Encoding, s string) []byte {
		b, err := e.NewEncoder().Bytes([]byte(s))
		if err != nil {
			log.Fatal(err)
		}
		return b
	}
	write("utf16le-nobom.txt", encode(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), good))
	write("utf16be-nobom.txt", encode(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), good))
	write("utf32le-bom.txt", encode(utf32.UTF32(utf32.LittleEndian, utf32.UseBOM), good))
	write("utf32be-bom.txt", encode(utf32.UTF32(utf32.BigEndian, utf32.UseBOM), good))
	ru := "Переговоры в Баку продолжатся на следующей неделе, заявил министр во вторник. "
	cp, err := charmap.Windows1251.NewEncoder().String(ru + ru + ru)
	if err != nil {
		log.Fatal(err)
	}
	write("mixed-utf8-cp1251.txt", []byte(good+"\n"+ru+ru+"\n\n"+cp+"\n"))
	write("script-stray-byte.html", page("<script>var x = '\xff';</script><p>"+sentence+sentence+"</p><p>"+sentence+"</p>"))
	write("style-first.html", []byte("<style>"+strings.Repeat("p { margin: 0; padding: 0; } ", 450)+"</style>\n<!doctype html><html><head><title>Styled</title></head><body><article><h1>Styled</h1><p>"+sentence+sentence+"</p><p>"+sentence+"</p></article></body></html>"))

	// 200 MB of text, for peak memory.
	var text bytes.Buffer
	text.WriteString("Huge text\n\nNovember 22, 2022\n\n")
	for text.Len() < 200<<20 {
		text.WriteString(sentence + sentence + sentence + "\n\n")
	}
	write("text-200mb.txt", text.Bytes())
}
