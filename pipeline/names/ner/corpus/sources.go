package corpus

// A Source is one public corpus: where it lives and on what terms.
type Source struct {
	Lang       string
	Name       string
	Repo       string // owner/name on GitHub
	Commit     string // the commit the figures in MODELS.md were measured on
	Paths      []string
	Licence    string
	Permissive bool // the licence lets weights trained on it be used and shared for any purpose
	Split      string
}

// Dir is the source's checkout directory name under a corpora directory:
// owner+name, as scripts/fetch-corpora.sh makes it.
func (s Source) Dir() string {
	for i := 0; i < len(s.Repo); i++ {
		if s.Repo[i] == '/' {
			return s.Repo[:i] + "+" + s.Repo[i+1:]
		}
	}
	return s.Repo
}

// Sources lists the corpora in a fixed order; a language may have more
// than one (fa: Arman and PEYMA).
func Sources() []Source {
	return []Source{
		{Lang: "en", Name: "CoNLL-2003 (Reuters)", Repo: "imabhivaibhav/NER", Commit: "7dc3944fb10a6d1f1ac65508379147679ab5aa1d",
			Paths: []string{"eng.train", "eng.testa", "eng.testb"}, Licence: "Reuters RCV1 research terms",
			Split: "eng.train+eng.testa train; eng.testb test"},
		{Lang: "ru", Name: "factRuEval-2016", Repo: "dialogue-evaluation/factRuEval-2016", Commit: "dfe96237fce79fde13b2021d1938587e4ea3042e",
			Paths: []string{"devset/", "testset/"}, Licence: "MIT", Permissive: true,
			Split: "devset train; testset test"},
		{Lang: "uk", Name: "ner-uk 2.0", Repo: "lang-uk/ner-uk", Commit: "7772b45807453854883a8e6d23e4d145014a1a42",
			Paths: []string{"v2.0/data/"}, Licence: "CC BY-NC-SA 4.0",
			Split: "dev-test-split.txt: DEV train; TEST test"},
		{Lang: "tr", Name: "Milliyet NER (Tür et al. 2003)", Repo: "hilalbenzer/turkish-ner", Commit: "578d45155d2358e3cce936ca250722d8c40a0fbc",
			Paths: []string{"src/reyyan.train.txt", "src/reyyan.test.txt"}, Licence: "research data, no licence stated",
			Split: "reyyan.train.txt train; reyyan.test.txt test"},
		{Lang: "fa", Name: "ArmanPersoNERCorpus", Repo: "HaniehP/PersianNER", Commit: "82160588e3f80cb0fb4809208bd28e6b20546b44",
			Paths: []string{"ArmanPersoNERCorpus.zip"}, Licence: "academic research use only",
			Split: "train_fold1 train; test_fold1 test (the other folds hold test_fold1 and are not read)"},
		{Lang: "fa", Name: "PEYMA", Repo: "overfit-ir/persian-twitter-ner", Commit: "c0207a9fb53cb765a3086aae6c3ed48efd6a01f2",
			Paths: []string{"ner_data/peyma/"}, Licence: "research data, no licence stated for PEYMA itself (the repository holding the copy is MIT)",
			Split: "train.txt + dev.txt train; test.txt test"},
		{Lang: "ar", Name: "ANERcorp", Repo: "HassanAzzam/Arabic-NER", Commit: "056cbc16483ae7e2a3ff86615cf46ed26af8c743",
			Paths: []string{"ANERCorp"}, Licence: "research data, no licence stated",
			Split: "first 80% of sentences train; last 20% test"},
		{Lang: "hy", Name: "ArmTDP-NER", Repo: "myavrum/ArmTDP-NER", Commit: "0462425b4572663e2eeb611b75d53e657607f902",
			Paths: []string{"ArmNER-HY.json1"}, Licence: "Apache-2.0", Permissive: true,
			Split: "entries at 0-based positions ≢ 7 (mod 10) train; ≡ 7 test"},
	}
}

// SourceFor returns the first source of lang.
func SourceFor(lang string) (Source, bool) {
	if s := SourcesFor(lang); len(s) > 0 {
		return s[0], true
	}
	return Source{}, false
}

// SourcesFor returns every source of lang.
func SourcesFor(lang string) []Source {
	var out []Source
	for _, s := range Sources() {
		if s.Lang == lang {
			out = append(out, s)
		}
	}
	return out
}
