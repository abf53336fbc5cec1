package corpus

import (
	"archive/zip"
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A doc is a unit the held-out split keeps whole: an article, or a
// block of consecutive sentences where the corpus has no articles.
type doc []Sentence

// kindOf maps a corpus tag name (without B-/I-) to a kind.
func kindOf(name string) Kind {
	switch strings.ToUpper(name) {
	case "PER", "PERS", "PERSON":
		return Person
	case "LOC", "GPE", "LOCATION":
		return Place
	case "ORG", "ORGANIZATION":
		return Org
	}
	return None
}

// parseBIO splits "B-LOC" into kind and begin; IOB1 ("I-" first) is
// handled by builder.take, which begins every kind change.
func parseBIO(tag string) (Kind, bool) {
	if tag == "O" || tag == "" {
		return None, false
	}
	begin := strings.HasPrefix(tag, "B-")
	if i := strings.IndexByte(tag, '-'); i >= 0 {
		tag = tag[i+1:]
	}
	return kindOf(tag), begin
}

// readColumns reads "word … tag" lines, sentences separated by blank
// lines and documents by -DOCSTART- lines. With splitAt, a token equal to
// it also ends a sentence (ANERcorp has no blank lines). Without
// documents, every 20 sentences make one.
func readColumns(r io.Reader, lang string, splitAt string) ([]doc, error) {
	var docs []doc
	var cur doc
	var b builder
	hasDocs := false
	flush := func() {
		if s, ok := b.take(lang); ok {
			cur = append(cur, s)
			if !hasDocs && len(cur) == 20 {
				docs = append(docs, cur)
				cur = nil
			}
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		line = strings.TrimPrefix(line, "\ufeff")
		f := strings.Fields(line)
		if len(f) == 0 {
			flush()
			continue
		}
		if f[0] == "-DOCSTART-" {
			flush()
			hasDocs = true
			if len(cur) > 0 {
				docs = append(docs, cur)
			}
			cur = nil
			continue
		}
		if len(f) < 2 {
			continue
		}
		kind, begin := parseBIO(f[len(f)-1])
		b.add(f[0], kind, begin)
		if splitAt != "" && f[0] == splitAt {
			flush()
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flush()
	if len(cur) > 0 {
		docs = append(docs, cur)
	}
	return docs, nil
}

func readColumnsFile(path, lang, splitAt string) ([]doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := readColumns(f, lang, splitAt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

// readPipeFile reads PEYMA's "word|tag" lines (tags B_PER, I_LOC, …),
// sentences separated by blank lines, every 20 sentences one unit.
func readPipeFile(path string) ([]doc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if i := strings.LastIndexByte(line, '|'); i > 0 {
			word, tag := strings.ReplaceAll(line[:i], " ", "_"), strings.Replace(line[i+1:], "_", "-", 1)
			fmt.Fprintf(&b, "%s %s\n", word, tag)
			continue
		}
		b.WriteString("\n")
	}
	docs, err := readColumns(strings.NewReader(b.String()), "fa", "")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

// readArman reads one fold file of the ArmanPersoNER zip.
func readArman(zipPath, name string) ([]doc, error) {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if filepath.Base(f.Name) != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", zipPath, name, err)
		}
		defer rc.Close()
		docs, err := readColumns(rc, "fa", "")
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", zipPath, name, err)
		}
		return docs, nil
	}
	return nil, fmt.Errorf("%s: no %s in the archive", zipPath, name)
}

// readBracketed reads the Milliyet format: one sentence a line, mentions
// as "[PER Akira Kurosawa ]".
func readBracketed(path string) ([]doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []doc
	var cur doc
	var b builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimPrefix(sc.Text(), "\ufeff")
		kind, inside, begin := None, false, false
		for _, tok := range strings.Fields(line) {
			switch {
			case !inside && strings.HasPrefix(tok, "[") && len(tok) > 1 && (tok[1:] == "PER" || tok[1:] == "LOC" || tok[1:] == "ORG"):
				kind, inside, begin = kindOf(tok[1:]), true, true
				continue
			case inside && tok == "]":
				kind, inside = None, false
				continue
			}
			b.add(tok, kind, begin)
			begin = false
		}
		if s, ok := b.take("tr"); ok {
			cur = append(cur, s)
			if len(cur) == 20 {
				docs = append(docs, cur)
				cur = nil
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(cur) > 0 {
		docs = append(docs, cur)
	}
	return docs, nil
}

// readFactRu reads the factRuEval documents of dir (devset or testset):
// .tokens (id offset length text; blank line between sentences), .spans
// and .objects. A Person is its name, surname, patronymic and nickname
// spans; a Location or LocOrg its loc_name spans; an Org its org_name
// spans. Place and person words win over an organisation's.
func readFactRu(dir string) ([]doc, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.tokens"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no .tokens files", dir)
	}
	sort.Strings(names)
	var docs []doc
	for _, tn := range names {
		base := strings.TrimSuffix(tn, ".tokens")
		d, err := readFactRuDoc(base)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.ReplaceAll(string(data), "\r", ""), "\n"), nil
}

func readFactRuDoc(base string) (doc, error) {
	spanLines, err := readLines(base + ".spans")
	if err != nil {
		return nil, err
	}
	type span struct {
		typ           string
		firstTok, cnt int
	}
	spans := map[string]span{}
	for _, l := range spanLines {
		f := strings.Fields(l)
		if len(f) < 6 {
			continue
		}
		first, err1 := strconv.Atoi(f[4])
		cnt, err2 := strconv.Atoi(f[5])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s.spans: bad line %q", base, l)
		}
		spans[f[0]] = span{f[1], first, cnt}
	}
	objLines, err := readLines(base + ".objects")
	if err != nil {
		return nil, err
	}
	tokKind := map[int]Kind{}
	tokBegin := map[int]bool{}
	apply := func(pass int) {
		for _, l := range objLines {
			if i := strings.IndexByte(l, '#'); i >= 0 {
				l = l[:i]
			}
			f := strings.Fields(l)
			if len(f) < 3 {
				continue
			}
			var kind Kind
			var want map[string]bool
			switch f[1] {
			case "Person":
				kind, want = Person, map[string]bool{"name": true, "surname": true, "patronymic": true, "nickname": true}
			case "Location", "LocOrg":
				kind, want = Place, map[string]bool{"loc_name": true}
			case "Org":
				kind, want = Org, map[string]bool{"org_name": true}
			default:
				continue
			}
			if (pass == 0) != (kind == Org) {
				continue
			}
			var toks []int
			for _, id := range f[2:] {
				sp, ok := spans[id]
				if !ok || !want[sp.typ] {
					continue
				}
				for t := sp.firstTok; t < sp.firstTok+sp.cnt; t++ {
					toks = append(toks, t)
				}
			}
			sort.Ints(toks)
			for i, t := range toks {
				tokKind[t] = kind
				tokBegin[t] = i == 0 || toks[i-1] != t-1
			}
		}
	}
	apply(0) // organisations first, so that places and persons inside them win
	apply(1)
	tokLines, err := readLines(base + ".tokens")
	if err != nil {
		return nil, err
	}
	var d doc
	var b builder
	for _, l := range tokLines {
		f := strings.Fields(l)
		if len(f) < 4 {
			if s, ok := b.take("ru"); ok {
				d = append(d, s)
			}
			continue
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("%s.tokens: bad line %q", base, l)
		}
		b.add(f[3], tokKind[id], tokBegin[id])
	}
	if s, ok := b.take("ru"); ok {
		d = append(d, s)
	}
	return d, nil
}

// readBratDoc reads one ner-uk document: a .txt of space-separated
// tokens, one sentence a line, and a .ann of brat entities with rune
// offsets.
func readBratDoc(base, lang string) (doc, error) {
	txt, err := os.ReadFile(base + ".txt")
	if err != nil {
		return nil, err
	}
	annLines, err := readLines(base + ".ann")
	if err != nil {
		return nil, err
	}
	runes := []rune(string(txt))
	kinds := make([]Kind, len(runes)+1)
	begins := make([]bool, len(runes)+1)
	for _, l := range annLines {
		// "T1\tLOC 112 119\tУкраїни" in brat; ner-uk 2.0 has tabs throughout.
		f := strings.SplitN(l, "\t", 2)
		if len(f) < 2 || !strings.HasPrefix(f[0], "T") {
			continue
		}
		g := strings.Fields(f[1])
		if len(g) < 3 {
			continue
		}
		if len(g) > 3 {
			g = g[:3]
		}
		kind := kindOf(g[0])
		if kind == None {
			continue
		}
		start, err1 := strconv.Atoi(g[1])
		end, err2 := strconv.Atoi(g[len(g)-1])
		if err1 != nil || err2 != nil || start < 0 || end > len(runes) || start >= end {
			return nil, fmt.Errorf("%s.ann: bad entity %q", base, l)
		}
		for i := start; i < end; i++ {
			if kinds[i] == None || kind != Org {
				kinds[i] = kind
				begins[i] = i == start
			}
		}
	}
	var d doc
	var b builder
	pos := 0
	for _, line := range strings.SplitAfter(string(txt), "\n") {
		n := utf8.RuneCountInString(line)
		lr := []rune(line)
		for i := 0; i < len(lr); {
			if lr[i] == ' ' || lr[i] == '\n' || lr[i] == '\r' || lr[i] == '\t' {
				i++
				continue
			}
			j := i
			for j < len(lr) && lr[j] != ' ' && lr[j] != '\n' && lr[j] != '\r' && lr[j] != '\t' {
				j++
			}
			b.add(string(lr[i:j]), kinds[pos+i], begins[pos+i])
			i = j
		}
		pos += n
		if s, ok := b.take(lang); ok {
			d = append(d, s)
		}
	}
	return d, nil
}

// readNerUk reads the ner-uk documents listed under section (DEV or
// TEST) of dev-test-split.txt, in the list's order.
func readNerUk(dataDir, section string) ([]doc, error) {
	lines, err := readLines(filepath.Join(dataDir, "dev-test-split.txt"))
	if err != nil {
		return nil, err
	}
	var ids []string
	cur := ""
	for _, l := range lines {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
		case l == "DEV" || l == "TEST":
			cur = l
		case cur == section:
			ids = append(ids, l)
		}
	}
	var docs []doc
	for _, id := range ids {
		var base string
		for _, sub := range []string{"bruk", "ng"} {
			p := filepath.Join(dataDir, sub, id)
			if _, err := os.Stat(p + ".txt"); err == nil {
				base = p
				break
			}
		}
		if base == "" {
			return nil, fmt.Errorf("%s: document %s of the split list is missing", dataDir, id)
		}
		d, err := readBratDoc(base, "uk")
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// readArmTDP reads ArmNER-HY.json1: one JSON entry a line, text with
// [start, end, label] rune offsets. Sentences end at "։", "?", "!" or a
// line break. It returns every entry as one doc, in file order.
func readArmTDP(path string) ([]doc, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	var docs []doc
	for n, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		var e struct {
			Text   string  `json:"text"`
			Labels [][]any `json:"labels"`
		}
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", path, n+1, err)
		}
		runes := []rune(e.Text)
		kinds := make([]Kind, len(runes)+1)
		begins := make([]bool, len(runes)+1)
		for _, lab := range e.Labels {
			if len(lab) != 3 {
				continue
			}
			s, ok1 := lab[0].(float64)
			t, ok2 := lab[1].(float64)
			name, ok3 := lab[2].(string)
			if !ok1 || !ok2 || !ok3 || int(s) < 0 || int(t) > len(runes) {
				return nil, fmt.Errorf("%s: line %d: bad label %v", path, n+1, lab)
			}
			kind := kindOf(name)
			for i := int(s); i < int(t); i++ {
				kinds[i] = kind
				begins[i] = i == int(s)
			}
		}
		var d doc
		var b builder
		toks := Tokenize(e.Text)
		for i, tk := range toks {
			b.s.Words = append(b.s.Words, tk.Text)
			k := kinds[tk.Start]
			b.s.Tags = append(b.s.Tags, Tag{k, k != None && begins[tk.Start]})
			end := i+1 == len(toks)
			if !end {
				gap := string(runes[tk.End:toks[i+1].Start])
				end = strings.ContainsAny(gap, "։?!\n…") || strings.Contains(gap, ":") && kinds[toks[i+1].Start] == None
			}
			if end {
				if s, ok := b.take("hy"); ok {
					d = append(d, s)
				}
			}
		}
		docs = append(docs, d)
	}
	return docs, nil
}
