package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/clean"
	"github.com/dossier-news/dossier/pipeline/langid"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/pipeline/translate"
)

// A page is one HTML file to clean, by name.
type page struct{ name, html string }

func protect(args []string) error {
	fs := flag.NewFlagSet("protect", flag.ExitOnError)
	labels := fs.String("labels", "bench/ner/protect.tsv", "our hand labels: yes|no<TAB>span text")
	under := fs.String("under", "test-files/comparison", "in a bare git directory, the folder of the pages")
	max := fs.Int("pages", 40, "English pages to read, in name order")
	unlabelled := fs.Bool("unlabelled", false, "print the protected spans that have no label yet")
	every := fs.Int("every", 5, "score every n-th protected span, the labelled sample")
	cues := fs.Bool("cues", false, "the stage's detector before the trained tagger (names.Options.CuesOnly)")
	to := fs.String("to", "es", "the target language translation would protect the spans for")
	fs.Parse(args)
	if fs.NArg() == 0 {
		return errors.New("protect: name a directory of HTML pages, or a bare git directory (a mirror) that holds them")
	}
	var pages []page
	for _, dir := range fs.Args() {
		ps, err := readPages(dir, *under)
		if err != nil {
			return err
		}
		pages = append(pages, ps...)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].name < pages[j].name })
	c := clean.New(langid.New())
	var docs []*pipeline.Document
	for _, p := range pages {
		if len(docs) == *max {
			break
		}
		d, err := c.HTML(context.Background(), p.html, p.name)
		if err != nil || !strings.HasPrefix(d.Meta.Language, "en") {
			continue
		}
		docs = append(docs, d)
	}
	if err := names.New(names.Options{CuesOnly: *cues}).ApplyBatch(context.Background(), docs); err != nil {
		return err
	}
	label, err := readLabels(*labels)
	if err != nil {
		return err
	}
	// What translation protects (translate.Guard) of the mentions in
	// the units it translates, bylines aside.
	guard := translate.NewGuard(docs, *to)
	yes, no, open, spans := 0, 0, 0, 0
	var falses []string
	for _, d := range docs {
		for _, m := range d.Mentions {
			if m.Block == pipeline.MetaBlock && m.Item >= pipeline.AuthorItem(0) || !guard.Protects(d, m) {
				continue
			}
			spans++
			if (spans-1)%*every != 0 {
				continue
			}
			switch l, ok := label[m.Text]; {
			case !ok:
				open++
				if *unlabelled {
					fmt.Printf("?\t%s\t%s\t%s\n", m.Text, m.Kind, context40(d.Text(m.Ref), m.Start, m.End))
				}
			case l:
				yes++
			default:
				no++
				falses = append(falses, m.Text)
			}
		}
	}
	fmt.Printf("%d English pages, %d protected spans, every %d-th scored: %d real names, %d not, %d unlabelled; precision %.3f\n",
		len(docs), spans, *every, yes, no, open, ratio(yes, yes+no))
	if len(falses) > 0 {
		fmt.Printf("not names: %s\n", strings.Join(falses, " | "))
	}
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// context40 returns the text around [a,b) with the span in brackets.
func context40(text string, a, b int) string {
	from, to := max(0, a-40), min(len(text), b+40)
	for from > 0 && !utf8Start(text[from]) {
		from--
	}
	for to < len(text) && !utf8Start(text[to]) {
		to++
	}
	return strings.ReplaceAll(text[from:a]+"["+text[a:b]+"]"+text[b:to], "\n", " ")
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

var htmlFile = regexp.MustCompile(`(?i)\.html?$`)

// readPages reads the HTML files of dir; when dir is a bare git directory
// (a mirror of a public repository), those under the folder under at its
// HEAD, straight from git.
func readPages(dir, under string) ([]page, error) {
	if _, err := os.Stat(filepath.Join(dir, "HEAD")); err == nil {
		out, err := exec.Command("git", "--git-dir", dir, "ls-tree", "-r", "--name-only", "HEAD", under).Output()
		if err != nil {
			return nil, fmt.Errorf("%s: listing %s: %w", dir, under, err)
		}
		var pages []page
		for _, name := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if !htmlFile.MatchString(name) {
				continue
			}
			b, err := exec.Command("git", "--git-dir", dir, "show", "HEAD:"+name).Output()
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", dir, name, err)
			}
			pages = append(pages, page{name: filepath.Base(name), html: string(b)})
		}
		return pages, nil
	}
	var pages []page
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !htmlFile.MatchString(path) {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		pages = append(pages, page{name: filepath.Base(path), html: string(b)})
		return nil
	})
	return pages, err
}

// readLabels reads our labels: "yes" or "no", a tab, the span's text.
func readLabels(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		l, text, ok := strings.Cut(line, "\t")
		if !ok || l != "yes" && l != "no" {
			return nil, fmt.Errorf("%s:%d: want yes|no<TAB>span text", path, n)
		}
		out[text] = l == "yes"
	}
	return out, sc.Err()
}
