package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/clean"
	"github.com/dossier-news/dossier/pipeline/ingest"
	"github.com/dossier-news/dossier/pipeline/langid"
)

// loaded is a prepared page with its HTML decoded and its browser text.
type loaded struct {
	page
	html, text string
	size       int
}

func load(dir, split string) ([]loaded, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no pages in %s: run prep first", dir)
	}
	slices.Sort(names)
	var out []loaded
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var l loaded
		if err := json.Unmarshal(b, &l.page); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if split != "" && l.Split != split {
			continue
		}
		base := strings.TrimSuffix(name, ".json")
		raw, err := os.ReadFile(base + ".html")
		if err != nil {
			return nil, err
		}
		l.size = len(raw)
		if l.html, err = ingest.Decode(raw, "text/html", true); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		txt, err := os.ReadFile(base + ".txt")
		if err != nil {
			return nil, err
		}
		l.text = string(txt)
		out = append(out, l)
	}
	return out, nil
}

// body is what the clean stage kept as the article's text.
func body(doc *pipeline.Document) string {
	if doc == nil {
		return ""
	}
	var sb strings.Builder
	doc.Units(func(_ pipeline.Ref, t *string) {
		sb.WriteString(*t)
		sb.WriteString("\n")
	})
	return sb.String()
}

type formScore struct {
	tally
	empty, titles, titled, dates, dated int
}

func (f formScore) String() string {
	return fmt.Sprintf("F1 %.3f (P %.3f, R %.3f)  empty %d  titles %d/%d (%.0f%%)  dates %d/%d (%.0f%%)",
		f.f1(), f.precision(), f.recall(), f.empty, f.titles, f.titled, 100*ratio(f.titles, f.titled),
		f.dates, f.dated, 100*ratio(f.dates, f.dated))
}

func score(ctx context.Context, dir, split, only, onlyForm string, verbose bool) error {
	pages, err := load(dir, split)
	if err != nil {
		return err
	}
	c := clean.New(langid.New())
	var forms [2]formScore // html, text
	var trafAlone tally
	for _, p := range pages {
		if only != "" && p.ID != only {
			continue
		}
		with, without := snippets(p.page, p.text)
		for fi, form := range []string{"html", "text"} {
			if onlyForm != "" && form != onlyForm {
				continue
			}
			var doc *pipeline.Document
			var err error
			if form == "html" {
				doc, err = c.HTML(ctx, p.html, p.URL)
			} else {
				doc, err = c.Text(ctx, p.text, p.URL)
			}
			out := body(doc)
			t := scoreText(out, with, without)
			fs := &forms[fi]
			fs.add(t)
			if err != nil || strings.TrimSpace(out) == "" {
				fs.empty++
			}
			var title string
			var day string
			if doc != nil {
				title = doc.Meta.Title
				if d := doc.Meta.Published; d != nil {
					day = d.Time.Format("2006-01-02")
				}
			}
			titleOK := titleRight(title, p.Title) || titleRight(title, firstH1(p.html))
			if p.Title != "" {
				fs.titled++
				if titleOK {
					fs.titles++
				}
			}
			shown := p.Date != "" && shownDate(p.text, p.Date)
			if shown {
				fs.dated++
				if day == p.Date {
					fs.dates++
				}
			}
			if verbose && (t.fn > 0 || t.fp > 0 || err != nil || p.Title != "" && !titleOK || shown && day != p.Date) {
				fmt.Printf("== %s %s %s  tp %d fn %d fp %d tn %d  err %v\n", form, p.ID, p.URL, t.tp, t.fn, t.fp, t.tn, err)
				if p.Title != "" && !titleOK {
					fmt.Printf("   title %q want %q\n", title, p.Title)
				}
				if shown && day != p.Date {
					fmt.Printf("   date %q want %q\n", day, p.Date)
				}
				w := words(out)
				for _, s := range with {
					if !strings.Contains(w, s) {
						fmt.Printf("   missed %q\n", s)
					}
				}
				for _, s := range without {
					if strings.Contains(w, s) {
						fmt.Printf("   leaked %q\n", s)
					}
				}
			}
		}
		if onlyForm == "text" {
			continue
		}
		if out, err := trafilaturaAlone(p.html); err == nil {
			trafAlone.add(scoreText(out, with, without))
		} else {
			trafAlone.add(scoreText("", with, without))
		}
	}
	n := len(pages)
	if only != "" {
		n = 1
	}
	fmt.Printf("split %s, %d pages\n", split, n)
	if onlyForm != "text" {
		fmt.Printf("html: %s\n", forms[0])
		fmt.Printf("go-trafilatura alone (html): F1 %.3f (P %.3f, R %.3f)\n", trafAlone.f1(), trafAlone.precision(), trafAlone.recall())
	}
	if onlyForm != "html" {
		fmt.Printf("text: %s\n", forms[1])
	}
	return nil
}

// firstH1 returns the text of the page's first h1, the headline as the
// page prints it, which may differ from what its metadata declares.
func firstH1(page string) string {
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return ""
	}
	var found string
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.H1 {
			found = strings.Join(strings.Fields(blockText([]byte(renderNode(n)))), " ")
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(root)
	return found
}

func renderNode(n *html.Node) string {
	var sb strings.Builder
	_ = html.Render(&sb, n)
	return sb.String()
}

// trafilaturaAlone is go-trafilatura with its default options, as a user
// of the library would call it.
func trafilaturaAlone(page string) (string, error) {
	res, err := trafilatura.Extract(strings.NewReader(page), trafilatura.Options{ExcludeComments: true})
	if err != nil {
		return "", err
	}
	if res == nil {
		return "", errors.New("no result")
	}
	return res.ContentText, nil
}

// speed times the HTML path and go-trafilatura alone over all pages,
// interleaved page by page so both see the same machine load, and
// samples the heap while the largest pages are cleaned.
func speed(ctx context.Context, dir string, rounds int, profile string) error {
	pages, err := load(dir, "")
	if err != nil {
		return err
	}
	c := clean.New(langid.New())
	// One pass untimed: lingua-go loads its models on first use, once
	// per process, which is no part of a page's cost.
	for _, p := range pages {
		_, _ = c.HTML(ctx, p.html, p.URL)
	}
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	// Wall time, and the process's CPU time, which a loaded machine
	// inflates far less; garbage collection counts where it runs, which
	// over many pages is in proportion to what each side allocates.
	var ours, theirs, oursCPU, theirsCPU time.Duration
	_, haveCPU := cpuTime()
	cpuNow := func() time.Duration { t, _ := cpuTime(); return t }
	for r := 0; r < rounds; r++ {
		for _, p := range pages {
			start, cpu := time.Now(), cpuNow()
			_, _ = c.HTML(ctx, p.html, p.URL)
			ours += time.Since(start)
			oursCPU += cpuNow() - cpu
			start, cpu = time.Now(), cpuNow()
			_, _ = trafilaturaAlone(p.html)
			theirs += time.Since(start)
			theirsCPU += cpuNow() - cpu
		}
	}
	n := float64(rounds * len(pages))
	fmt.Printf("%d pages × %d rounds\n", len(pages), rounds)
	fmt.Printf("dossier html: %.1f pages/s\n", n/ours.Seconds())
	fmt.Printf("go-trafilatura alone: %.1f pages/s\n", n/theirs.Seconds())
	fmt.Printf("ratio (dossier speed / go-trafilatura speed): %.2f\n", theirs.Seconds()/ours.Seconds())
	if haveCPU {
		fmt.Printf("CPU time: dossier %.2f s, go-trafilatura %.2f s, ratio %.2f\n", oursCPU.Seconds(), theirsCPU.Seconds(), theirsCPU.Seconds()/oursCPU.Seconds())
	}

	slices.SortFunc(pages, func(a, b loaded) int { return b.size - a.size })
	for _, p := range pages[:min(3, len(pages))] {
		peak := peakHeap(func() { _, _ = c.HTML(ctx, p.html, p.URL) })
		fmt.Printf("peak heap %s (%d bytes): %.1f MB, %.1f× the page\n", p.ID, p.size, float64(peak)/1e6, float64(peak)/float64(p.size))
	}
	return nil
}

// peakHeap runs f and returns the highest heap in use seen while it runs,
// above the heap before it, sampled every 100µs: garbage not yet
// collected counts, as it does in the process's memory.
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(100 * time.Microsecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	<-stopped
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}
