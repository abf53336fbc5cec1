package transliterate

import "testing"

func TestDisplay(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{name: "russian name", in: "Ильхам Алиев", want: "Ilkham Aliyev"},
		{name: "persian initial alef yeh", in: "ایران", want: "Iran"},
		{name: "persian phrase", in: "جمهوری آذربایجان", want: "Jamhuri Azrbayjan"},
		{name: "persian detached surname ending", in: "الهام علی اف", want: "Elham Aliyev"},
		{name: "armenian", in: "Հայաստան", want: "Hayastan"},
		{name: "latin kept with diacritics", in: "İlham Əliyev", want: "İlham Əliyev"},
		{name: "latin case kept", in: "al-Assad visits McDonald", want: "al-Assad visits McDonald"},
		{name: "mixed scripts", in: "Интервью Reuters", want: "Intervyu Reuters"},
		{name: "empty", in: "  ", want: ""},
		{name: "invalid utf8", in: "Баку\xff", want: "Baku"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Display(tt.in); got != tt.want {
				t.Errorf("Display(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// Arabic-script ح and ه are h and خ is kh: against them Latin h and kh
// differ. Cyrillic х writes both, so it stays open.
func TestMatchFirmHKh(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       bool
	}{
		{name: "hah against kh", a: "حاتمی", b: "Khatami", want: false},
		{name: "khah against h", a: "خاتمی", b: "Hatami", want: false},
		{name: "full name khah against h", a: "محمد خاتمی", b: "Mohammad Hatami", want: false},
		{name: "heh against kh", a: "هاشمی", b: "Khashemi", want: false},
		{name: "khah is kh", a: "خاتمی", b: "Khatami", want: true},
		{name: "bakhtiyar", a: "بختیار", b: "Bakhtiyar", want: true},
		{name: "hasan", a: "حسن", b: "Hasan", want: true},
		{name: "hassan", a: "حسن", b: "Hassan", want: true},
		{name: "ilham", a: "الهام", b: "Ilham", want: true},
		{name: "khamenei", a: "خامنه‌ای", b: "Khamenei", want: true},
		{name: "cyrillic kha as h", a: "Ильхам", b: "Ilham", want: true},
		{name: "cyrillic kha as kh", a: "Бахтияр", b: "Bakhtiyar", want: true},
		{name: "latin kh and h stay close", a: "Ilkham Aliyev", b: "Ilham Aliyev", want: true},
	}
	m := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.Match(tt.a, tt.b); got.Match != tt.want {
				t.Errorf("Match(%q, %q) = %.3f %v, want match %v", tt.a, tt.b, got.Value, got.Match, tt.want)
			}
		})
	}
}
