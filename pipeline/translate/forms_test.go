package translate

import "testing"

func TestSafeRespelling(t *testing.T) {
	for _, tc := range []struct {
		name          string
		surface, form string
		want          bool
	}{
		{"accent only", "Baku", "Bakú", true},
		{"same", "Nick Nurse", "Nick Nurse", true},
		{"azerbaijani letters transliterated", "Zahir Əsgərov", "Zahir Asgarov", true},
		{"cyrillic transliterated", "Эльнур Расулов", "Elnur Rasulov", true},
		{"one word of a longer name respelled", "Aref Rasulov", "Arif Rasulov", true},
		{"a single english word is not respelled", "Atlantic", "Atlantis", false},
		{"first letter changed", "Special Agents", "Especially Agents", false},
		{"a part dropped", "Dr Ramona Archer-Bradshaw", "Archer-Bradshaw", false},
		{"a part added", "Archer-Bradshaw", "Ramona Archer-Bradshaw", false},
		{"word order changed", "Mirhafiz Cəfərzadə", "Jafarzadeh Mirhafiz", false},
		{"another name", "Nick Nurse", "Nick Meadows", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := safeRespelling(tc.surface, tc.form); got != tc.want {
				t.Errorf("safeRespelling(%q, %q) = %v, want %v", tc.surface, tc.form, got, tc.want)
			}
		})
	}
}

func TestPlaceNamesRepeated(t *testing.T) {
	// The engine moved the second Rasulov before the first name: each keep
	// takes its own occurrence, in order, and the spans say where.
	seg := Segment{Text: "Rasulov met Aliyev, and Rasulov left.", Keep: []Keep{
		{Start: 0, End: 7, As: "Rasulov"}, {Start: 12, End: 18, As: "Əliyev"}, {Start: 24, End: 31, As: "Rasulov"},
	}}
	out := "Rasulov conoció a Aliyev, y Rasulov se fue."
	text, spans := placeNames(seg, out)
	if want := "Rasulov conoció a Əliyev, y Rasulov se fue."; text != want {
		t.Fatalf("text %q, want %q", text, want)
	}
	if len(spans) != 3 {
		t.Fatalf("spans %+v", spans)
	}
	if got := text[spans[2].to.Start:spans[2].to.End]; got != "Rasulov" || spans[2].to.Start != 30 || spans[2].from.Start != 24 {
		t.Errorf("second Rasulov placed at %+v (%q)", spans[2], got)
	}
	if got := text[spans[1].to.Start:spans[1].to.End]; got != "Əliyev" {
		t.Errorf("Aliyev placed at %q", got)
	}
}
