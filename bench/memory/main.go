// Command memory writes the corpus bench/memory/run.sh measures peak
// memory on: n web pages of about mb MiB each, mostly page furniture (a
// deep menu of nested divs, as news sites have) around an article of a
// few dozen paragraphs, so that reading a page costs far more memory than
// the cleaned article it gives. A batch of them shows whether peak memory
// follows the largest input or the sum of the inputs.
//
// Beside them, in the folder's parent: long.html, a page of the same size
// that is all article (as many paragraphs as --max-blocks lets through),
// which no furniture can be dropped from; and tiny.html, a page of two
// paragraphs, whose peak is the program's own, subtracted from the others.
//
//	go run ./bench/memory -out /tmp/dossier-memory/in -n 12 -mb 4
//
// Every file is generated here.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

const sentence = "The minister said on Tuesday that the talks in Baku would go on next week, according to officials. "

func main() {
	out := flag.String("out", "memory", "folder to write into")
	n := flag.Int("n", 12, "pages")
	mb := flag.Int("mb", 4, "size of each page, in MiB")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for i := range *n {
		var b strings.Builder
		fmt.Fprintf(&b, "<!doctype html><html><head><meta charset=utf-8><title>Talks in Baku, day %d</title></head><body>", i+1)
		b.WriteString(`<nav class="site-menu">`)
		for j := 0; b.Len() < *mb<<20; j++ {
			fmt.Fprintf(&b, `<div class="menu-item level-%d"><span class="label">Section %d</span><span class="count">%d</span></div>`, j%7, j, j*3)
		}
		b.WriteString("</nav><article>")
		fmt.Fprintf(&b, "<h1>Talks in Baku, day %d</h1><p>November %d, 2022</p>", i+1, 1+i%28)
		for p := range 40 {
			fmt.Fprintf(&b, "<p>Paragraph %d of day %d. %s%s</p>", p+1, i+1, sentence, sentence)
		}
		b.WriteString("</article></body></html>\n")
		name := filepath.Join(*out, fmt.Sprintf("page-%02d.html", i+1))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(*out, "..", "long.html"), []byte(article(*mb<<20, longParagraphs)), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*out, "..", "tiny.html"), []byte(article(0, 2)), 0o644); err != nil {
		log.Fatal(err)
	}
}

// longParagraphs stays under dossier's default --max-blocks (5000).
const longParagraphs = 4800

// article returns a page of n paragraphs and about size bytes.
func article(size, n int) string {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><meta charset=utf-8><title>Talks in Baku</title></head><body><article><h1>Talks in Baku</h1><p>November 22, 2022</p>")
	for p := range n {
		fmt.Fprintf(&b, "<p>Paragraph %d. ", p+1)
		for i := 0; i == 0 || i < size/n/len(sentence); i++ {
			b.WriteString(sentence)
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("</article></body></html>\n")
	return b.String()
}
