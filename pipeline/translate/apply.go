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
		flags := make([][]string, len(units))
		cached := make([]bool, len(units))
		moved := make([]map[Span]Span, len(units))
		var failed error
		for ui, u := range units {
			if u.unpaired {
				texts[ui] = u.text
				flags[ui] = []string{s.unpairedFlag(u.from)}
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
				text := o.text
				if o.err == nil && !o.untranslated && si < len(u.segs) {
					var spans []placed
					text, spans = placeNames(u.segs[si], o.text)
					if moved[ui] == nil {
						moved[ui] = map[Span]Span{}
					}
					for _, p := range spans {
						moved[ui][Span{sp.Start + p.from.Start, sp.Start + p.from.End}] = Span{sb.Len() + p.to.Start, sb.Len() + p.to.End}
					}
				}
				sb.WriteString(text)
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
		s.rewrite(docs[di], units, texts, flags, cached, moved)
	}
	for di, from := range p.unpaired {
		if !s.opt.KeepUntranslated {
			p.failed[di] = s.pairError(from)
			continue
		}
		doc := docs[di]
		doc.Trail = append(doc.Trail, pipeline.Provenance{
			Ref: TitleRef(), Engine: s.caps.Engine, Model: s.caps.Model,
			From: from, To: s.opt.To, Flags: []string{s.unpairedFlag(from)},
		})
	}
}

// unpairedFlag is the trail's flag on text left as it was because the
// engine lacks its pair.
func (s *Stage) unpairedFlag(from string) string {
	return fmt.Sprintf("not translated: %s has no %s→%s pair", s.caps.Engine, from, s.opt.To)
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

// within finds the protected span of moved that holds m, and where it
// stands now.
func within(moved map[Span]Span, m pipeline.Mention) (Span, bool) {
	for from, to := range moved {
		if from.Start <= m.Start && m.End <= from.End {
			return to, true
		}
	}
	return Span{}, false
}

func appendNew(list []string, more ...string) []string {
	for _, m := range more {
		if !slices.Contains(list, m) {
			list = append(list, m)
		}
	}
	return list
}

// rewrite puts the translated texts into doc and updates its metadata,
// mentions and trail. moved maps, per unit, each protected span of the
// source to where it stands in the translation.
func (s *Stage) rewrite(doc *pipeline.Document, units []unit, texts []string, flags [][]string, cached []bool, moved []map[Span]Span) {
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

	// Mentions point into the old text. A protected one moves by offset
	// to where its span landed; one inside a wider protected span moves
	// with it; any other is placed only where its text occurs once, since
	// a repeated name cannot say which occurrence is its own. The rest
	// are dropped, and the trail says so.
	var kept []pipeline.Mention
	for _, m := range doc.Mentions {
		ui, ok := translated[m.Ref]
		if !ok {
			kept = append(kept, m)
			continue
		}
		text := texts[ui]
		name := s.formOf(m)
		at, end := -1, -1
		if to, ok := moved[ui][Span{m.Start, m.End}]; ok {
			at, end = to.Start, to.End
			name = text[at:end]
		} else if to, ok := within(moved[ui], m); ok {
			// Inside a span merged from several: its own text, if the
			// span still reads so.
			if i := strings.Index(text[to.Start:to.End], m.Text); i >= 0 {
				at, end = to.Start+i, to.Start+i+len(m.Text)
				name = m.Text
			}
		} else if strings.Count(text, name) == 1 {
			at = strings.Index(text, name)
			end = at + len(name)
		}
		if at < 0 {
			flags[ui] = appendNew(flags[ui], "mention-dropped: "+m.Text)
			continue
		}
		if m.Found == "" && m.Text != name {
			m.Found = m.Text // the index lists the spelling the source used
		}
		m.Start, m.End, m.Text = at, end, name
		kept = append(kept, m)
	}
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i], kept[j]
		if a.Ref != b.Ref {
			return a.Block < b.Block || (a.Block == b.Block && a.Item < b.Item)
		}
		return a.Start < b.Start
	})
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
