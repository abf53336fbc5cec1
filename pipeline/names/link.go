package names

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/transliterate"
)

// An entity is one person or place the batch names, with its mentions.
type entity struct {
	kind      string
	canonical string
	id        string
	members   []*candidate
}

// link groups the candidates into entities: places by gazetteer entry or
// by matching, full person names by transliterate's clustering, and
// one-word person mentions by resolving them against the full names of
// their article, then of the batch.
func (b *batch) link(ctx context.Context, aliases *transliterate.Aliases) error {
	var full, single []*candidate
	placeGroups := map[string]*entity{}
	// Places by the blocking keys of their first member, so that a place
	// the gazetteer does not know is compared only with those that may
	// match it.
	placesByKey := map[string][]*entity{}
	rank := map[*entity]int{}
	var order []*entity
	for _, c := range b.cands {
		if b.f.stop.done() {
			return b.f.stop.cause()
		}
		switch {
		case c.kind == KindPlace:
			key := ""
			p := b.f.gazetteer(c)
			if p.kind != "" {
				key = "gazetteer:" + p.name
			} else if e := placeGroups["place:"+c.base()]; e != nil {
				key = e.id
			} else {
				// The first place of the batch that matches, as in order.
				var first *entity
				for _, k := range b.f.keys(c.base()) {
					for _, e := range placesByKey[k] {
						if first != nil && rank[e] >= rank[first] {
							break
						}
						if len(e.members[0].words) == len(c.words) && b.f.same(e.members[0].base(), c.base()) {
							first = e
							break
						}
					}
				}
				if first != nil {
					key = first.id
				} else {
					key = "place:" + c.base()
				}
			}
			e := placeGroups[key]
			if e == nil {
				e = &entity{kind: KindPlace, id: key, canonical: p.name}
				placeGroups[key] = e
				rank[e] = len(order)
				order = append(order, e)
				for _, k := range b.f.keys(c.base()) {
					placesByKey[k] = append(placesByKey[k], e)
				}
			}
			e.members = append(e.members, c)
			b.byCand[c] = e
		case len(c.words) > 1:
			full = append(full, c)
		default:
			single = append(single, c)
		}
	}
	if len(full) > 0 {
		// Each spelling is clustered once, however often it is said.
		var names []string
		nameOf := make([]int, len(full))
		at := map[string]int{}
		for i, c := range full {
			base := c.base()
			j, ok := at[base]
			if !ok {
				j = len(names)
				at[base] = j
				names = append(names, base)
			}
			nameOf[i] = j
		}
		cl := &transliterate.Clusterer{Aliases: aliases, Matcher: b.f.m}
		as, err := cl.Cluster(ctx, names)
		if err != nil {
			return fmt.Errorf("clustering names: %w", err)
		}
		byCluster := map[int]*entity{}
		for i := range full {
			if b.f.stop.done() {
				return b.f.stop.cause()
			}
			a := as[nameOf[i]]
			e := byCluster[a.Cluster]
			if e == nil {
				e = &entity{kind: KindPerson, canonical: a.Canonical}
				byCluster[a.Cluster] = e
				order = append(order, e)
			}
			e.members = append(e.members, full[i])
			b.byCand[full[i]] = e
		}
	}
	b.mergeTails(order)
	b.resolve(single, &order)
	ids := map[string]int{}
	for _, e := range order {
		if len(e.members) == 0 {
			continue
		}
		c, fromAlias := aliasCanonical(aliases, e.members)
		if fromAlias {
			e.canonical = c
		}
		if e.canonical == "" || e.kind == KindPerson && !fromAlias {
			// Chosen over every mention, partial names and all sources
			// included, not only the full names the clusterer saw.
			e.canonical = b.canonicalOf(e.members)
		}
		e.id = slug(e.canonical)
		ids[e.id]++
		if n := ids[e.id]; n > 1 {
			e.id = fmt.Sprintf("%s_%d", e.id, n)
		}
		b.entities = append(b.entities, e)
	}
	return nil
}

// aliasCanonical returns the alias file's canonical spelling for the
// first member it lists.
func aliasCanonical(a *transliterate.Aliases, members []*candidate) (string, bool) {
	if a == nil {
		return "", false
	}
	for _, c := range members {
		if name, ok := a.Canonical(c.base()); ok {
			return name, true
		}
	}
	return "", false
}

// canonicalOf picks the spelling an entity goes by from its members'
// base forms: each member is one mention, its article a source that votes
// on word order, and the lexicon's given names put a given name first
// when the sources are split.
func (b *batch) canonicalOf(members []*candidate) string {
	// Repeats of one spelling in one article are one variant with a
	// count, so a name said a thousand times is read once.
	var variants []transliterate.Variant
	at := map[transliterate.Variant]int{}
	for _, c := range members {
		v := transliterate.Variant{Text: c.base(), Count: 1, Source: strconv.Itoa(c.doc), Lang: c.lang}
		if i, ok := at[v]; ok {
			variants[i].Count++
			continue
		}
		at[v] = len(variants)
		variants = append(variants, v)
	}
	return b.f.m.CanonicalName(variants, func(w string) bool { return b.f.lx.given[fold(w)] })
}

// resolve links one-word person mentions ("Askarov", "Mirhafiz") to the
// full name they abbreviate: the one of their own article when exactly one
// matches, else the one of the batch when the article has none and the
// batch exactly one. Several matches leave the mention unresolved; none
// makes it an entity of its own, unless it is only a given name, which
// says nothing about who.
func (b *batch) resolve(single []*candidate, order *[]*entity) {
	var persons []*entity
	inDoc := map[int][]*entity{}
	for _, e := range *order {
		if e.kind != KindPerson {
			continue
		}
		persons = append(persons, e)
		seen := map[int]bool{}
		for _, c := range e.members {
			// A byline's author is not whom a bare surname in the body
			// means, unless the body names them too.
			if !seen[c.doc] && !c.unit.author {
				seen[c.doc] = true
				inDoc[c.doc] = append(inDoc[c.doc], e)
			}
		}
	}
	// Index the words of full names so each lookup compares only the
	// entities that share a key.
	words := map[string][]*entity{}
	for _, e := range persons {
		seen := map[string]bool{}
		for _, c := range e.members {
			for _, r := range c.bases {
				if seen[r.base] {
					continue
				}
				seen[r.base] = true
				for _, k := range b.f.keys(r.base) {
					if l := words[k]; len(l) == 0 || l[len(l)-1] != e {
						words[k] = append(l, e)
					}
				}
			}
		}
	}
	// The words of each entity's full names, as they stand before any
	// one-word mention joins it.
	nameWords := map[*entity][]string{}
	matches := func(within map[*entity]bool, w string) []*entity {
		var out []*entity
		seen := map[*entity]bool{}
		for _, k := range b.f.keys(w) {
			for _, e := range words[k] {
				if seen[e] || within != nil && !within[e] {
					continue
				}
				seen[e] = true
				ws, ok := nameWords[e]
				if !ok {
					ws = fullNameWords(e)
					nameWords[e] = ws
				}
				if slices.ContainsFunc(ws, func(x string) bool { return b.f.same(x, w) }) {
					out = append(out, e)
				}
			}
		}
		return out
	}
	type docWord struct {
		doc  int
		word string
	}
	// A word means the same in every mention of one article.
	memo := map[docWord][]*entity{}
	hereOf := map[int]map[*entity]bool{}
	alone := map[string][]*entity{}
	for _, c := range single {
		if b.f.stop.done() {
			return
		}
		w := c.bases[0].base
		choices, ok := memo[docWord{c.doc, w}]
		if !ok {
			here := hereOf[c.doc]
			if here == nil {
				here = map[*entity]bool{}
				for _, e := range inDoc[c.doc] {
					here[e] = true
				}
				hereOf[c.doc] = here
			}
			choices = matches(here, w)
			if len(choices) == 0 {
				choices = matches(nil, w)
			}
			memo[docWord{c.doc, w}] = choices
		}
		switch len(choices) {
		case 1:
			choices[0].members = append(choices[0].members, c)
			b.byCand[c] = choices[0]
		case 0:
			if c.given[0] && !c.surname[0] {
				continue
			}
			var e *entity
			k := strings.Join(b.f.keys(w), " ")
			for _, x := range alone[k] {
				if b.f.same(x.members[0].bases[0].base, w) {
					e = x
					break
				}
			}
			if e == nil {
				e = &entity{kind: KindPerson}
				alone[k] = append(alone[k], e)
				*order = append(*order, e)
			}
			e.members = append(e.members, c)
			b.byCand[c] = e
		default:
			b.unresolved = append(b.unresolved, &partial{candidate: c, choices: choices})
		}
	}
}

// fullNameWords returns the distinct words of e's full names.
func fullNameWords(e *entity) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range e.members {
		if len(c.words) < 2 {
			continue
		}
		for _, r := range c.bases {
			if !seen[r.base] {
				seen[r.base] = true
				out = append(out, r.base)
			}
		}
	}
	return out
}

// slug turns a canonical name into a stable entity id: romanized, lower
// case, words joined by underscores.
func slug(s string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(romanize(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
			continue
		}
		under = true
	}
	if b.Len() == 0 {
		return "name"
	}
	return b.String()
}

// mergeTails folds a person known only by the last words of a longer name
// in the same article into that name's entity: "علي آبادي" after "عباس علي
// آبادي", "Ali Aliabadi" after "Abbas Ali Aliabadi". It stays apart when
// more than one longer name ends that way.
func (b *batch) mergeTails(order []*entity) {
	tails := b.tailIndex()
	merged := map[*entity]*entity{} // an entity folded into another
	current := func(e *entity) *entity {
		for merged[e] != nil {
			e = merged[e]
		}
		return e
	}
	for _, e := range order {
		if b.f.stop.done() {
			return
		}
		if e.kind != KindPerson || len(e.members) == 0 {
			continue
		}
		var into *entity
		for _, m := range e.members {
			t := tailOf(tails, current, m, e)
			if t == nil || into != nil && t != into {
				into = nil
				break
			}
			into = t
		}
		if into == nil {
			continue
		}
		for _, m := range e.members {
			b.byCand[m] = into
		}
		into.members = append(into.members, e.members...)
		e.members = nil
		merged[e] = into
	}
}

// A tailKey is the last words of a person's name in one article, folded.
type tailKey struct {
	doc   int
	words string
}

// tailIndex lists, for every proper tail of every person's name, the
// entities whose names in that article end so; a few are enough to tell
// one from several.
func (b *batch) tailIndex() map[tailKey][]*entity {
	tails := map[tailKey][]*entity{}
	for _, c := range b.cands {
		if b.f.stop.done() {
			return tails
		}
		e := b.byCand[c]
		if c.kind != KindPerson || len(c.bases) < 2 || e == nil {
			continue
		}
		folded := make([]string, len(c.bases))
		for i, r := range c.bases {
			folded[i] = fold(r.base)
		}
		for k := 1; k < len(folded); k++ {
			key := tailKey{c.doc, strings.Join(folded[k:], " ")}
			if l := tails[key]; len(l) < maxTailEntities && !slices.Contains(l, e) {
				tails[key] = append(l, e)
			}
		}
	}
	return tails
}

// maxTailEntities is how many entities tailIndex keeps per tail: with
// three, one other than the entity asking is still told from several.
const maxTailEntities = 3

// tailOf returns the one other person entity with a longer name in m's
// article whose last words are m's words, or nil. current maps an entity
// to the one it has been folded into.
func tailOf(tails map[tailKey][]*entity, current func(*entity) *entity, m *candidate, self *entity) *entity {
	folded := make([]string, len(m.bases))
	for i, r := range m.bases {
		folded[i] = fold(r.base)
	}
	var found *entity
	for _, e := range tails[tailKey{m.doc, strings.Join(folded, " ")}] {
		e = current(e)
		if e == self {
			continue
		}
		if found != nil && found != e {
			return nil
		}
		found = e
	}
	return found
}
