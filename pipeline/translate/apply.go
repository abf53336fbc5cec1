package translate

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/pipeline"
)

// apply writes the results into the documents whose segments all came
// through, and records the others in p.failed.
func (s *Stage) apply(docs []*pipeline.Document, p *plan) {
	byDoc := map[int][]unit{}
	for _, u := range p.units {
		byDoc[u.doc] = append(byDoc[u.doc], u)
	}
	docIdx := make([]int, 0, len(byDoc))
	for di := range byDoc {
		docIdx = append(docIdx, di)
	}
	sort.Ints(docIdx)
	for _, di := range docIdx {
		if _, ok := p.unpaired[di]; ok {
			continue
		}
		units := byDoc[di]
		texts := make([]string, len(units))
		flags := make([][]pipeline.Flag, len(units))
		cached := make([]bool, len(units))
		var failed error
		for ui, u := range units {
			if u.unpaired {
				texts[ui] = u.text
				flags[ui] = []pipeline.Flag{s.unpairedFlag(u.from)}
				continue
			}
			var sb strings.Builder
			last := 0
			cached[ui] = true
			for si, sp := range u.spans {
				o := p.results[u.keys[si]]
				if errors.Is(o.err, ErrUnsupportedPair) {
					p.unpaired[di] = u.from
				}
				if o.err != nil && failed == nil {
					failed = fmt.Errorf("%s: %w", describe(u.ref), o.err)
				}
				sb.WriteString(u.text[last:sp.Start])
				sb.WriteString(o.text)
				last = sp.End
				cached[ui] = cached[ui] && o.cached
				flags[ui] = appendNew(flags[ui], o.flags...)
			}
			sb.WriteString(u.text[last:])
			texts[ui] = sb.String()
		}
		if _, ok := p.unpaired[di]; ok {
			continue
		}
		if failed != nil {
			p.failed[di] = failed
			continue
		}
		s.rewrite(docs[di], units, texts, flags, cached)
	}
	for di, from := range p.unpaired {
		if !s.opt.KeepUntranslated {
			p.failed[di] = s.pairError(from)
			continue
		}
		doc := docs[di]
		doc.Trail = append(doc.Trail, pipeline.Provenance{
			Ref: TitleRef(), Engine: s.caps.Engine, Model: s.caps.Model,
			From: from, To: s.opt.To, Flags: []pipeline.Flag{s.unpairedFlag(from)},
		})
	}
}

// unpairedFlag is the trail's flag on text left as it was because the
// engine lacks its pair.
func (s *Stage) unpairedFlag(from string) pipeline.Flag {
	return pipeline.NewFlag(pipeline.FlagNotTranslated, s.caps.Engine, from, s.opt.To)
}

func describe(r pipeline.Ref) string {
	switch r {
	case TitleRef():
		return "title"
	case StandfirstRef():
		return "standfirst"
	}
	if r.Item > 0 {
		return "block " + strconv.Itoa(r.Block) + " item " + strconv.Itoa(r.Item)
	}
	return "block " + strconv.Itoa(r.Block)
}

func appendNew(list []pipeline.Flag, more ...pipeline.Flag) []pipeline.Flag {
	for _, m := range more {
		if !slices.ContainsFunc(list, m.Equal) {
			list = append(list, m)
		}
	}
	return list
}

// rewrite puts the translated texts into doc and updates its metadata,
// mentions and trail.
func (s *Stage) rewrite(doc *pipeline.Document, units []unit, texts []string, flags [][]pipeline.Flag, cached []bool) {
	from := s.sourceOf(doc)
	if doc.Meta.Original == nil {
		doc.Meta.Original = &pipeline.Original{Language: from, Title: doc.Meta.Title}
	}
	doc.Meta.Original.Engine = s.caps.Engine
	doc.Meta.Original.Model = s.caps.Model
	doc.Meta.Language = s.opt.To
	doc.Meta.Direction = cmp.Or(pipeline.TagDirection(s.opt.To), pipeline.LeftToRight)

	translated := map[pipeline.Ref]int{}
	for ui, u := range units {
		if u.unpaired {
			continue // left in its own language, Lang and all
		}
		translated[u.ref] = ui
		switch u.ref {
		case TitleRef():
			doc.Meta.Title = texts[ui]
		case StandfirstRef():
			doc.Meta.Standfirst = texts[ui]
		default:
			*doc.Blocks[u.ref.Block].Texts()[u.ref.Item] = texts[ui]
			doc.Blocks[u.ref.Block].Lang = ""
		}
	}

	// Mentions point into the old text: find each name again in the new
	// one, or drop it and say so.
	var kept []pipeline.Mention
	cursor := map[pipeline.Ref]int{}
	sort.SliceStable(doc.Mentions, func(i, j int) bool {
		a, b := doc.Mentions[i], doc.Mentions[j]
		if a.Ref != b.Ref {
			return a.Block < b.Block || (a.Block == b.Block && a.Item < b.Item)
		}
		return a.Start < b.Start
	})
	for _, m := range doc.Mentions {
		ui, ok := translated[m.Ref]
		if !ok {
			kept = append(kept, m)
			continue
		}
		name := s.opt.NameForm(m, s.opt.To)
		text := texts[ui]
		at := -1
		if c := cursor[m.Ref]; c <= len(text) {
			if i := strings.Index(text[c:], name); i >= 0 {
				at = c + i
			}
		}
		if at < 0 {
			at = strings.Index(text, name)
		}
		if at < 0 {
			flags[ui] = appendNew(flags[ui], pipeline.NewFlag(pipeline.FlagMentionDropped, m.Text))
			continue
		}
		if m.Found == "" && m.Text != name {
			m.Found = m.Text // the index lists the spelling the source used
		}
		m.Start, m.End, m.Text = at, at+len(name), name
		cursor[m.Ref] = m.End
		kept = append(kept, m)
	}
	doc.Mentions = kept

	trail := doc.Trail[:0:0]
	for _, pr := range doc.Trail {
		if _, ok := translated[pr.Ref]; !ok {
			trail = append(trail, pr)
		}
	}
	for ui, u := range units {
		trail = append(trail, pipeline.Provenance{
			Ref: u.ref, Engine: s.caps.Engine, Model: s.caps.Model,
			From: u.from, To: s.opt.To, Cached: cached[ui], Flags: flags[ui],
		})
	}
	doc.Trail = trail
}
