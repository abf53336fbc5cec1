package transliterate

import "testing"

// TestNameStructure checks the parts of a name that name nobody, or name
// the father: patronymics in their forms, titles before and after the
// given name, a Persian surname ending written apart from a word that is
// also a title, and words read by the orthography they were written in.
func TestNameStructure(t *testing.T) {
	for _, tc := range []struct {
		name  string
		a, b  string
		match bool
	}{
		{"ukrainian patronymic", "Оксана Петрівна Коваленко", "Oksana Kovalenko", true},
		{"belarusian patronymic", "Аляксандр Рыгоравіч Лукашэнка", "Alexander Lukashenko", true},
		{"azerbaijani patronymic, hyphenated", "Ilham Heydar-oglu Aliyev", "Ilham Aliyev", true},
		{"turkish patronymic", "Mehmet Ali oğlu Yılmaz", "Mehmet Yilmaz", true},
		{"mirza before the given name", "Mirzə Ələkbər Sabir", "Alakbar Sabir", true},
		{"mirza as the given name", "Mirza Ibrahimov", "Ibrahim Ibrahimov", false},
		{"xan in lower case is a title", "Hüseyn xan Naxçıvanski", "Huseyn Nakhchivanski", true},
		{"Khan capitalized is a surname", "Imran Khan", "Imran Ahmed", false},
		{"hajj-title letters inside a surname", "حاجی‌اف", "Hajiyev", true},
		{"compound given name joined", "Əliəkbər Vilayəti", "Ali Akbar Velayati", true},
		{"compound given name, half of it", "Ali Akbar Velayati", "Akbar Velayati", false},
		{"french silent ending", "Pineau", "Пино", true},
		{"japanese hepburn", "Noguchi", "Ногути", true},
		{"hungarian sz", "Szenwald", "Шенвальд", true},
		{"german sch and tsch", "Nikita Chruschtschow", "Nikita Khrushchev", true},
		{"french kh and ou", "Mouammar Kadhafi", "Muammar Gaddafi", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got bool
			if len(nameWords(tc.a)) == 1 && len(nameWords(tc.b)) == 1 {
				got = SameToken(tc.a, tc.b)
			} else {
				got = Match(tc.a, tc.b).Match
			}
			if got != tc.match {
				t.Errorf("%q, %q: match %v, want %v (%+v)", tc.a, tc.b, got, tc.match, Match(tc.a, tc.b))
			}
		})
	}
}

// Two spellings in one script other than Latin that differ are two names,
// even when each meets the same Latin spelling.
func TestClusterSameScript(t *testing.T) {
	out, err := (&Clusterer{}).Cluster(t.Context(), []string{"Белл", "Bell", "Билл", "Bill", "بل", "بيل"})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Cluster == out[2].Cluster {
		t.Errorf("Белл and Билл in one cluster: %+v", out)
	}
	if out[4].Cluster == out[5].Cluster {
		t.Errorf("بل and بيل in one cluster: %+v", out)
	}
}
