package corpus

import (
	"fmt"
	"path/filepath"
)

// Splits holds one language's sentences by use.
type Splits struct {
	// Train is what the tagger learns from: the corpus's training part
	// minus Heldout.
	Train []Sentence
	// Heldout is carved from the training part and never trained on:
	// every tenth unit (units 3, 13, 23, … counting from 0), where a unit
	// is an article, or a block of 20 consecutive sentences in corpora
	// without articles (tr, fa, ar).
	Heldout []Sentence
	// Test is the corpus's official or declared test part.
	Test []Sentence
}

// heldoutUnit reports whether unit i of a training part is held out.
func heldoutUnit(i int) bool { return i%10 == 3 }

func flatten(docs []doc) []Sentence {
	var out []Sentence
	for _, d := range docs {
		out = append(out, d...)
	}
	return out
}

func carve(train []doc, test []doc) Splits {
	var s Splits
	for i, d := range train {
		if heldoutUnit(i) {
			s.Heldout = append(s.Heldout, d...)
		} else {
			s.Train = append(s.Train, d...)
		}
	}
	s.Test = flatten(test)
	return s
}

// Languages lists the languages with a corpus, in Sources order.
func Languages() []string {
	var out []string
	for _, s := range Sources() {
		if len(out) == 0 || out[len(out)-1] != s.Lang {
			out = append(out, s.Lang)
		}
	}
	return out
}

// Load reads lang's corpus from dir (a directory of checkouts named as
// Source.Dir) and splits it:
//
//	en  eng.train + eng.testa → train/held-out by article; eng.testb → test
//	ru  devset → train/held-out by article; testset → test
//	uk  DEV list → train/held-out by article; TEST list → test
//	tr  reyyan.train.txt → train/held-out; reyyan.test.txt → test
//	fa  Arman train_fold1 and PEYMA train.txt + dev.txt → train/held-out;
//	    Arman test_fold1 and PEYMA test.txt → test
//	ar  first 80% of sentences (cut at "." tokens) → train/held-out; the rest → test
//	hy  entries at positions ≢ 7 (mod 10) → train/held-out by entry; ≡ 7 → test
func Load(dir, lang string) (Splits, error) {
	srcs := SourcesFor(lang)
	if len(srcs) == 0 {
		return Splits{}, fmt.Errorf("no corpus for language %q", lang)
	}
	var all Splits
	for _, src := range srcs {
		s, err := load(filepath.Join(dir, src.Dir()), src.Name)
		if err != nil {
			return Splits{}, fmt.Errorf("%s corpus %s: %w", lang, src.Name, err)
		}
		all.Train = append(all.Train, s.Train...)
		all.Heldout = append(all.Heldout, s.Heldout...)
		all.Test = append(all.Test, s.Test...)
	}
	return all, nil
}

// load reads the corpus called name (a Source.Name) from its checkout.
func load(root, name string) (Splits, error) {
	lang := ""
	for _, s := range Sources() {
		if s.Name == name {
			lang = s.Lang
		}
	}
	switch {
	case name == "PEYMA":
		dir := filepath.Join(root, "ner_data", "peyma")
		a, err := readPipeFile(filepath.Join(dir, "train.txt"))
		if err != nil {
			return Splits{}, err
		}
		b, err := readPipeFile(filepath.Join(dir, "dev.txt"))
		if err != nil {
			return Splits{}, err
		}
		t, err := readPipeFile(filepath.Join(dir, "test.txt"))
		if err != nil {
			return Splits{}, err
		}
		return carve(append(a, b...), t), nil
	}
	switch lang {
	case "en":
		a, err := readColumnsFile(filepath.Join(root, "eng.train"), "en", "")
		if err != nil {
			return Splits{}, err
		}
		b, err := readColumnsFile(filepath.Join(root, "eng.testa"), "en", "")
		if err != nil {
			return Splits{}, err
		}
		t, err := readColumnsFile(filepath.Join(root, "eng.testb"), "en", "")
		if err != nil {
			return Splits{}, err
		}
		return carve(append(a, b...), t), nil
	case "ru":
		a, err := readFactRu(filepath.Join(root, "devset"))
		if err != nil {
			return Splits{}, err
		}
		t, err := readFactRu(filepath.Join(root, "testset"))
		if err != nil {
			return Splits{}, err
		}
		return carve(a, t), nil
	case "uk":
		data := filepath.Join(root, "v2.0", "data")
		a, err := readNerUk(data, "DEV")
		if err != nil {
			return Splits{}, err
		}
		t, err := readNerUk(data, "TEST")
		if err != nil {
			return Splits{}, err
		}
		return carve(a, t), nil
	case "tr":
		a, err := readBracketed(filepath.Join(root, "src", "reyyan.train.txt"))
		if err != nil {
			return Splits{}, err
		}
		t, err := readBracketed(filepath.Join(root, "src", "reyyan.test.txt"))
		if err != nil {
			return Splits{}, err
		}
		return carve(a, t), nil
	case "fa":
		z := filepath.Join(root, "ArmanPersoNERCorpus.zip")
		a, err := readArman(z, "train_fold1.txt")
		if err != nil {
			return Splits{}, err
		}
		t, err := readArman(z, "test_fold1.txt")
		if err != nil {
			return Splits{}, err
		}
		return carve(a, t), nil
	case "ar":
		docs, err := readColumnsFile(filepath.Join(root, "ANERCorp"), "ar", ".")
		if err != nil {
			return Splits{}, err
		}
		all := flatten(docs)
		cut := len(all) * 8 / 10
		var train []doc
		for i := 0; i < cut; i += 20 {
			train = append(train, doc(all[i:min(i+20, cut)]))
		}
		return carve(train, []doc{all[cut:]}), nil
	case "hy":
		docs, err := readArmTDP(filepath.Join(root, "ArmNER-HY.json1"))
		if err != nil {
			return Splits{}, err
		}
		var train, test []doc
		for i, d := range docs {
			if i%10 == 7 {
				test = append(test, d)
			} else {
				train = append(train, d)
			}
		}
		return carve(train, test), nil
	}
	return Splits{}, fmt.Errorf("no reader")
}
