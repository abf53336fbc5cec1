package english

import "testing"

func TestGiven(t *testing.T) {
	for _, tc := range []struct {
		word string
		sex  Sex
		ok   bool
	}{
		{"Sarah", Female, true},
		{"DONALD", Male, true},
		{"José", Male, true},
		{"Kim", Either, true},
		{"Grace", Female, true}, // a common word, and a well-used name
		{"Master", 0, false},    // a common word, rarely a name
		{"Pokemon", 0, false},
	} {
		sex, ok := Given(tc.word)
		if sex != tc.sex || ok != tc.ok {
			t.Errorf("Given(%q) = %q, %v; want %q, %v", tc.word, sex, ok, tc.sex, tc.ok)
		}
	}
}

func TestCommon(t *testing.T) {
	for word, want := range map[string]bool{"Nurse": true, "meadows": true, "Hood's": true, "Buttigieg": false, "Stadia": false} {
		if got := Common(word); got != want {
			t.Errorf("Common(%q) = %v, want %v", word, got, want)
		}
	}
}
