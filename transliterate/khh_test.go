package transliterate

import "testing"

func TestCanonicalNameKhFromArabicScript(t *testing.T) {
	m := New()
	tests := []struct {
		name     string
		variants []Variant
		want     string
	}{
		{name: "persian h decides ilham", variants: []Variant{{Text: "Ильхам Алиев", Count: 3}, {Text: "الهام علی‌اف"}}, want: "Ilham Aliyev"},
		{name: "persian kh keeps bakhtiyar", variants: []Variant{{Text: "Бахтияр"}, {Text: "بختیار"}}, want: "Bakhtiyar"},
		{name: "h in given name and surname", variants: []Variant{{Text: "Хасан Рухани"}, {Text: "حسن روحانی"}}, want: "Hasan Ruhani"},
		{name: "h and kh in one word", variants: []Variant{{Text: "Хашим Ахмади"}, {Text: "هاشم احمدی"}}, want: "Hashim Ahmadi"},
		{name: "kh and h mixed", variants: []Variant{{Text: "Халил Рахими"}, {Text: "خلیل رحیمی"}}, want: "Khalil Rahimi"},
		{name: "lone cyrillic stays kh", variants: []Variant{{Text: "Ильхам Алиев"}}, want: "Ilkham Aliyev"},
		{name: "unaligned persian does not vote", variants: []Variant{{Text: "Мухтар"}, {Text: "مختارزاده"}}, want: "Mukhtar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.CanonicalName(tt.variants, nil); got != tt.want {
				t.Errorf("CanonicalName(%v) = %q, want %q", tt.variants, got, tt.want)
			}
		})
	}
}

func TestKhByArabic(t *testing.T) {
	tests := []struct {
		name, form string
		arabic     map[string]int
		want       string
	}{
		{name: "capital kh", form: "Khasan", arabic: map[string]int{"hasan": 1}, want: "Hasan"},
		{name: "majority decides", form: "Rakhim", arabic: map[string]int{"rahim": 1, "rakhim": 2}, want: "Rakhim"},
		{name: "no arabic spelling", form: "Rakhim", want: "Rakhim"},
		{name: "other consonants differ", form: "Ilkham", arabic: map[string]int{"elhamd": 1, "ilhas": 3}, want: "Ilkham"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := khByArabic(tt.form, tt.arabic); got != tt.want {
				t.Errorf("khByArabic(%q, %v) = %q, want %q", tt.form, tt.arabic, got, tt.want)
			}
		})
	}
}
