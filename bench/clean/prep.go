package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A page is one benchmark page's truth, written beside its HTML and its
// browser text as ID.json.
type page struct {
	ID     string `json:"id"`
	Origin string `json:"origin"` // which public set it comes from
	URL    string `json:"url,omitempty"`
	Split  string `json:"split"` // "dev" (tuned on) or "unseen" (never)
	Body   string `json:"body"`  // the article's text as the set gives it
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"` // YYYY-MM-DD, when the page declares one
}

// splitOf puts a page in dev or unseen by a hash of its id, fixed before
// any page was looked at.
func splitOf(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()%2 == 0 {
		return "dev"
	}
	return "unseen"
}

// readabilityFixtures are Readability.js test pages made to test one
// parser feature, not articles from an outlet.
var readabilityFixtures = map[string]bool{
	"001": true, "002": true, "003-metadata-preferred": true, "004-metadata-space-separated-properties": true,
	"005-unescape-html-entities": true, "article-author-tag": true, "base-url": true, "base-url-base-element": true,
	"base-url-base-element-relative": true, "basic-tags-cleaning": true, "clean-links": true,
	"comment-inside-script-parsing": true, "data-url-image": true, "hidden-nodes": true, "invalid-attributes": true,
	"js-link-replacement": true, "keep-images": true, "keep-tabular-data": true, "lazy-image-1": true,
	"lazy-image-2": true, "lazy-image-3": true, "links-in-tables": true, "metadata-content-missing": true,
	"missing-paragraphs": true, "normalize-spaces": true, "ol": true, "parsely-metadata": true,
	"remove-aria-hidden": true, "remove-extra-brs": true, "remove-extra-paragraphs": true, "remove-script-tags": true,
	"reordering-paragraphs": true, "replace-brs": true, "replace-font-tags": true, "rtl-1": true, "rtl-2": true,
	"rtl-3": true, "rtl-4": true, "schema-org-context-object": true, "social-buttons": true, "style-tags-removal": true,
	"svg-parsing": true, "table-style-attributes": true, "title-and-h1-discrepancy": true, "title-en-dash": true,
	"toc-missing": true, "videos-1": true, "videos-2": true, "visibility-hidden": true, "mathjax": true,
	"cnet-svg-classes": true, "embedded-videos": true,
}

// prep reads the two public sets unpacked under src (sh/: scrapinghub's
// article-extraction-benchmark; rd/: mozilla/readability's test pages),
// and writes into out, per page, ID.html, ID.txt (what a browser's copy of
// the page gives: document.body.innerText in headless Chromium) and
// ID.json.
func prep(ctx context.Context, src, out, chromium string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var pages []page
	raws := map[string][]byte{}

	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	gt, err := os.ReadFile(filepath.Join(src, "sh", "ground-truth.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(gt, &truth); err != nil {
		return fmt.Errorf("ground-truth.json: %w", err)
	}
	for id, t := range truth {
		raw, err := gunzip(filepath.Join(src, "sh", "html", id+".html.gz"))
		if err != nil {
			return err
		}
		id = "sh-" + id[:12]
		title, date := declared(raw)
		pages = append(pages, page{ID: id, Origin: "scrapinghub/article-extraction-benchmark", URL: t.URL,
			Body: t.ArticleBody, Title: title, Date: date})
		raws[id] = raw
	}

	dirs, err := os.ReadDir(filepath.Join(src, "rd", "test", "test-pages"))
	if err != nil {
		return err
	}
	for _, d := range dirs {
		if readabilityFixtures[d.Name()] {
			continue
		}
		dir := filepath.Join(src, "rd", "test", "test-pages", d.Name())
		raw, err := os.ReadFile(filepath.Join(dir, "source.html"))
		if err != nil {
			return err
		}
		expected, err := os.ReadFile(filepath.Join(dir, "expected.html"))
		if err != nil {
			return err
		}
		var md struct {
			Title         string `json:"title"`
			PublishedTime string `json:"publishedTime"`
		}
		if b, err := os.ReadFile(filepath.Join(dir, "expected-metadata.json")); err == nil {
			_ = json.Unmarshal(b, &md)
		}
		title, date := declared(raw)
		if md.Title != "" {
			title = md.Title
		}
		if len(md.PublishedTime) >= 10 {
			date = md.PublishedTime[:10]
		}
		id := "rd-" + d.Name()
		pages = append(pages, page{ID: id, Origin: "mozilla/readability", Body: blockText(expected), Title: title, Date: date})
		raws[id] = raw
	}

	for _, p := range pages {
		p.Split = splitOf(p.ID)
		raw := raws[p.ID]
		if _, err := os.Stat(filepath.Join(out, p.ID+".json")); err == nil {
			continue // prepared by an earlier run
		}
		if err := os.WriteFile(filepath.Join(out, p.ID+".html"), raw, 0o644); err != nil {
			return err
		}
		text, err := innerText(ctx, chromium, raw)
		if err != nil {
			// A page Chromium cannot render in a minute is left out,
			// and said so; the rest of the set is still worth having.
			fmt.Fprintf(os.Stderr, "%s: left out: %v\n", p.ID, err)
			continue
		}
		if err := os.WriteFile(filepath.Join(out, p.ID+".txt"), []byte(text), 0o644); err != nil {
			return err
		}
		b, _ := json.MarshalIndent(p, "", "  ")
		if err := os.WriteFile(filepath.Join(out, p.ID+".json"), b, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s %s %d bytes of text\n", p.Split, p.ID, len(text))
	}
	return nil
}

func gunzip(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return io.ReadAll(zr)
}

var scriptTag = regexp.MustCompile(`(?is)<script\b.*?</script\s*>`)

// The probe's flags: without the background-networking ones Chromium's
// connections are refused by the closed network, many at a time.
var chromiumFlags = []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync", "--virtual-time-budget=1000"}

// innerText renders raw in headless Chromium and returns
// document.body.innerText, which is what selecting the page and copying
// it gives. The page's own scripts are left out (they would reach for a
// network the benchmark does not have); one added script replaces the
// rendered page with its text, which --dump-dom then prints.
func innerText(ctx context.Context, chromium string, raw []byte) (string, error) {
	page := scriptTag.ReplaceAll(raw, nil)
	page = append(page, []byte(`<script>window.addEventListener("load",function(){var t=document.body?document.body.innerText:"";document.documentElement.innerHTML="<body><pre id=innertext></pre></body>";document.getElementById("innertext").textContent=t});</script>`)...)
	dir, err := os.MkdirTemp("", "innertext-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "page.html")
	if err := os.WriteFile(name, page, 0o644); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	args := append(append([]string{}, chromiumFlags...), "--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+name)
	cmd := exec.CommandContext(ctx, chromium, args...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("chromium: %w", err)
	}
	root, err := html.Parse(&stdout)
	if err != nil {
		return "", err
	}
	var text string
	var find func(n *html.Node) bool
	find = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.Pre && attrOf(n, "id") == "innertext" {
			var sb strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				sb.WriteString(c.Data)
			}
			text = sb.String()
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if find(c) {
				return true
			}
		}
		return false
	}
	if !find(root) {
		return "", fmt.Errorf("chromium gave no text")
	}
	return text, nil
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// declared returns the title and publication day a page declares for
// itself: og:title or a JSON-LD headline, else <title>; JSON-LD
// datePublished, else an article:published_time-like meta tag.
func declared(raw []byte) (title, date string) {
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return "", ""
	}
	var og, ld, plain, ldDate, metaDate string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(attrOf(n, "property") + attrOf(n, "name") + attrOf(n, "itemprop"))
				switch key {
				case "og:title":
					og = cmpOr(og, attrOf(n, "content"))
				case "article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date.issued", "sailthru.date", "parsely-pub-date":
					metaDate = cmpOr(metaDate, attrOf(n, "content"))
				}
			case atom.Title:
				if n.FirstChild != nil && plain == "" {
					plain = n.FirstChild.Data
				}
			case atom.Script:
				if strings.Contains(attrOf(n, "type"), "ld+json") && n.FirstChild != nil {
					h, d := linkedData(n.FirstChild.Data)
					ld, ldDate = cmpOr(ld, h), cmpOr(ldDate, d)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	title = strings.Join(strings.Fields(cmpOr(og, ld, plain)), " ")
	date = cmpOr(ldDate, metaDate)
	if !isoDay.MatchString(date) {
		date = ""
	} else {
		date = date[:10]
	}
	return html.UnescapeString(title), date
}

var isoDay = regexp.MustCompile(`^\d{4}-\d\d-\d\d`)

func linkedData(text string) (headline, date string) {
	var v any
	if json.Unmarshal([]byte(text), &v) != nil {
		return "", ""
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["headline"].(string); ok && headline == "" {
				headline = s
			}
			if s, ok := x["datePublished"].(string); ok && date == "" {
				date = s
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return headline, date
}

func cmpOr(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// blockText returns the text of an HTML fragment, one line per block.
func blockText(raw []byte) string {
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return ""
	}
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.P, atom.Div, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Br,
				atom.Blockquote, atom.Tr, atom.Pre, atom.Figcaption, atom.Dd, atom.Dt, atom.Section, atom.Article:
				sb.WriteByte('\n')
			}
		}
	}
	walk(root)
	return sb.String()
}
