// Command mksamples turns the project's sample article scrapes into
// pipeline.Document JSON for the xhtml and epub tests, standing in for the
// clean and names stages: which lines are title, byline and body is stated
// here by hand, and name mentions are found by exact search.
//
// Run from the module root:
//
//	go run ./exporters/xhtml/testdata/mksamples
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/pipeline"
)

type blockSpec struct {
	kind        pipeline.BlockKind
	level       int
	lines       []int // 1-based line numbers of the scrape
	attribution string
}

type name struct{ surface, entity, canonical, kind string }

type sample struct {
	file, out string
	meta      pipeline.Meta
	blocks    []blockSpec
	names     []name
}

func lines(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func para(n ...int) blockSpec { return blockSpec{kind: pipeline.Paragraph, lines: n} }

func paras(from, to int) []blockSpec {
	var out []blockSpec
	for _, n := range lines(from, to) {
		out = append(out, para(n))
	}
	return out
}

func heading(n int) blockSpec { return blockSpec{kind: pipeline.Heading, level: 1, lines: []int{n}} }

const (
	zahir    = "zahir-asgarov"
	bakhtiar = "bakhtiyar-aghazade"
	elnur    = "elnur-rasulov"
	arif     = "arif-rasulov"
	mirhafiz = "mirhafiz-jafarzade"
	aliyev   = "ilham-aliyev"
	qom      = "qom"
	tehran   = "tehran"
	baku     = "baku"
)

var canonical = map[string]string{
	zahir: "Zahir Asgarov", bakhtiar: "Bakhtiyar Aghazade", elnur: "Elnur Rasulov",
	arif: "Arif Rasulov", mirhafiz: "Mirhafiz Jafarzade", aliyev: "Ilham Aliyev",
	qom: "Qom", tehran: "Tehran", baku: "Baku",
}

func n(surface, entity string) name {
	kind := "person"
	if entity == qom || entity == tehran || entity == baku {
		kind = "place"
	}
	return name{surface, entity, canonical[entity], kind}
}

func date(d pipeline.Date) *pipeline.Date { return &d }

func samples() []sample {
	seedBlocks := []blockSpec{para(16), para(18), heading(20)}
	seedBlocks = append(seedBlocks, paras(22, 32)...)
	seedBlocks = append(seedBlocks, heading(34))
	seedBlocks = append(seedBlocks, paras(36, 42)...)
	seedBlocks = append(seedBlocks, blockSpec{kind: pipeline.Quote, lines: []int{48, 50, 52, 54, 56, 58}, attribution: "Bloomberg, Nov 2"})
	return []sample{
		{
			file: "en-eurasia-2022-11-16.txt", out: "en.json",
			meta: pipeline.Meta{
				Title: "line:4", Standfirst: "line:6", Authors: []string{"Staff Reporter"},
				Published: pipeline.Day(2022, 11, 16), Outlet: "Eurasia Desk",
				Source:   "https://eurasia.example/2022/11/16/azerbaijan-arrests-five",
				Language: "en", Direction: pipeline.LeftToRight,
			},
			blocks: paras(7, 11),
			names: []name{n("Zahir Asgarov", zahir), n("Bakhtiyar Agazade", bakhtiar), n("Elnur Rasulov", elnur),
				n("Arif Rasulov", arif), n("Mirhafiz Jafarzade", mirhafiz), n("Ilham Aliyev", aliyev),
				n("Qom", qom), n("Tehran", tehran), n("Baku", baku)},
		},
		{
			file: "fa-iranwire-2022-11-15.txt", out: "fa.json",
			meta: pipeline.Meta{
				Title: "line:3", Authors: []string{"line:5"}, Section: "line:2",
				Published: pipeline.Day(2022, 11, 15), Outlet: "IranWire",
				Source:   "https://iranwire.example/fa/news/azerbaijan-spy-network",
				Language: "fa", Direction: pipeline.RightToLeft, ReadingTime: 4,
			},
			blocks: paras(7, 12),
			names: []name{n("ظاهر عسگراف", zahir), n("بختیار آقازاده", bakhtiar), n("النور رسول‌اف", elnur),
				n("عارف رسول‌اف", arif), n("میرحافظ جعفرزاده", mirhafiz), n("الهام علی‌اف", aliyev), n("قم", qom)},
		},
		{
			file: "ru-sgb-2022-11-14.txt", out: "ru.json",
			meta: pipeline.Meta{
				Title: "line:5", Authors: []string{"Лейла Мамедова"}, Section: "line:2",
				Published: date(pipeline.Date{Time: time.Date(2022, 11, 14, 13, 5, 0, 0, time.UTC), Precision: pipeline.MinutePrecision}),
				Outlet:    "Sputnik Azerbaijan", Source: "https://ru.sgb.example/news/2022/11/14/",
				Language: "ru", Direction: pipeline.LeftToRight, ReadingTime: 3,
			},
			blocks: paras(9, 14),
			names: []name{n("Захир Аскеров", zahir), n("Бахтияр Агазаде", bakhtiar), n("Эльнур Расулов", elnur),
				n("Арифом Расуловым", arif), n("Мирхафиза Джафарзаде", mirhafiz), n("Ильхам Алиев", aliyev), n("Кум", qom)},
		},
		{
			file: "az-dtx-2022-11-14.txt", out: "az.json",
			meta: pipeline.Meta{
				Title: "line:5", Authors: []string{"Redaksiya"}, Section: "line:4",
				Published: date(pipeline.Date{Time: time.Date(2022, 11, 14, 11, 42, 0, 0, time.FixedZone("", 4*3600)), Precision: pipeline.ZonedPrecision}),
				Outlet:    "DTX", Source: "https://dtx.example/az/news/2022-11-14",
				Language: "az", Direction: pipeline.LeftToRight,
			},
			blocks: paras(9, 13),
			names: []name{n("Zahir Əsgərov", zahir), n("Baxtiyar Ağazadə", bakhtiar), n("Elnur Rəsulov", elnur),
				n("Arif Rəsulov", arif), n("Cəfərzadə Mirhafiz", mirhafiz), n("İlham Əliyev", aliyev), n("Qum", qom)},
		},
		{
			file: "iranwire-2022-11-22-azerbaijan-spy-network.txt", out: "seed.json",
			meta: pipeline.Meta{
				Title: "line:6", Standfirst: "line:11", Authors: []string{"line:9"}, Section: "line:4",
				Published: pipeline.Day(2022, 11, 22), Outlet: "IranWire",
				Source:   "https://iranwire.example/en/features/azerbaijan-exposes-alleged-iranian-spy-network",
				Language: "en", ReadingTime: 5,
			},
			blocks: seedBlocks,
			names: []name{n("Zahir Askarov", zahir), n("Bakhtiyar Aghazadh", bakhtiar), n("Elnur Rasulov", elnur),
				n("Aref Rasulov", arif), n("Jafarzadeh Mirhafiz", mirhafiz), n("Ilham Aliyev", aliyev),
				n("Qom", qom), n("Tehran", tehran), n("Baku", baku)},
		},
	}
}

func main() {
	root := "testdata/articles"
	outs := []string{"exporters/xhtml/testdata/docs", "exporters/epub/testdata/docs"}
	index := &pipeline.Index{}
	entities := map[string]*pipeline.Entity{}
	var order []string
	for _, s := range samples() {
		doc, err := build(filepath.Join(root, s.file), s)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mksamples:", err)
			os.Exit(1)
		}
		for _, m := range doc.Mentions {
			e := entities[m.Entity]
			if e == nil {
				e = &pipeline.Entity{ID: m.Entity, Canonical: m.Canonical, Kind: m.Kind}
				entities[m.Entity] = e
				order = append(order, m.Entity)
			}
			k := slices.IndexFunc(e.Variants, func(v pipeline.Variant) bool { return v.Text == m.Text })
			if k < 0 {
				e.Variants = append(e.Variants, pipeline.Variant{Text: m.Text})
				k = len(e.Variants) - 1
			}
			e.Variants[k].Count++
			e.Mentions = append(e.Mentions, pipeline.EntityMention{File: s.file, Text: m.Text, Block: m.Block, Item: m.Item, Start: m.Start, End: m.End})
		}
		for _, dir := range outs {
			if err := writeJSON(filepath.Join(dir, s.out), doc); err != nil {
				fmt.Fprintln(os.Stderr, "mksamples:", err)
				os.Exit(1)
			}
		}
	}
	slices.Sort(order)
	for _, id := range order {
		index.Entities = append(index.Entities, *entities[id])
	}
	for _, dir := range outs {
		if err := writeJSON(filepath.Join(dir, "index.json"), index); err != nil {
			fmt.Fprintln(os.Stderr, "mksamples:", err)
			os.Exit(1)
		}
	}
}

func writeJSON(name string, v any) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append(b, '\n'), 0o644)
}

func readLines(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, strings.TrimSpace(sc.Text()))
	}
	return out, sc.Err()
}

func build(path string, s sample) (*pipeline.Document, error) {
	ls, err := readLines(path)
	if err != nil {
		return nil, err
	}
	line := func(v string) (string, error) {
		var k int
		if _, err := fmt.Sscanf(v, "line:%d", &k); err != nil {
			return v, nil
		}
		if k < 1 || k > len(ls) {
			return "", fmt.Errorf("%s: no line %d", path, k)
		}
		return ls[k-1], nil
	}
	doc := &pipeline.Document{Meta: s.meta}
	m := &doc.Meta
	m.Authors = slices.Clone(m.Authors)
	for _, p := range []*string{&m.Title, &m.Standfirst, &m.Section} {
		if *p, err = line(*p); err != nil {
			return nil, err
		}
	}
	for i := range m.Authors {
		if m.Authors[i], err = line(m.Authors[i]); err != nil {
			return nil, err
		}
	}
	for _, bs := range s.blocks {
		var texts []string
		for _, k := range bs.lines {
			t, err := line(fmt.Sprintf("line:%d", k))
			if err != nil {
				return nil, err
			}
			texts = append(texts, t)
		}
		b := pipeline.Block{Kind: bs.kind, Level: bs.level, Attribution: bs.attribution}
		if b.HasItems() {
			b.Items = texts
		} else {
			b.Text = strings.Join(texts, " ")
		}
		doc.Blocks = append(doc.Blocks, b)
	}
	names := slices.Clone(s.names)
	slices.SortStableFunc(names, func(a, b name) int { return len(b.surface) - len(a.surface) })
	doc.Units(func(r pipeline.Ref, text *string) {
		var found []pipeline.Mention
		taken := make([]bool, len(*text))
		for _, nm := range names {
			for from := 0; ; {
				k := strings.Index((*text)[from:], nm.surface)
				if k < 0 {
					break
				}
				start, end := from+k, from+k+len(nm.surface)
				from = end
				if slices.Contains(taken[start:end], true) {
					continue
				}
				for j := start; j < end; j++ {
					taken[j] = true
				}
				found = append(found, pipeline.Mention{Ref: r, Start: start, End: end, Text: nm.surface,
					Entity: nm.entity, Canonical: nm.canonical, Kind: nm.kind})
			}
		}
		slices.SortFunc(found, func(a, b pipeline.Mention) int { return a.Start - b.Start })
		doc.Mentions = append(doc.Mentions, found...)
	})
	return doc, nil
}
