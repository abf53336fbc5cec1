package translate

import (
	"reflect"
	"testing"
)

func TestMissingNames(t *testing.T) {
	seg := Segment{Text: "Rose Stone met Rose Stone and Расулов.", Keep: []Keep{{0, 10, "", "", false}, {15, 25, "", "", false}, {30, 44, "Rasulov", "", false}}}
	cases := []struct {
		name, out string
		want      []string
	}{
		{"all there", "Rose Stone cumplió Rose Stone y Rasulov.", nil},
		{"one repeat lost", "Rose Stone cumplió Piedra Rosa y Rasulov.", []string{"Rose Stone"}},
		{"alias form missing", "Rose Stone y Rose Stone y Расулов.", []string{"Rasulov"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := missingNames(seg, c.out); !reflect.DeepEqual(got, c.want) {
				t.Errorf("missingNames = %q, want %q", got, c.want)
			}
		})
	}
}

func TestMaskUnmask(t *testing.T) {
	seg := Segment{Text: "Rose Stone met Green.", Keep: []Keep{{0, 10, "", "", false}, {15, 20, "Greene", "", false}}}
	m, names := mask(seg)
	if m.Text != "ZXQ1Q met ZXQ2Q." || len(m.Keep) != 0 {
		t.Fatalf("mask = %+v", m)
	}
	out, lost := unmask("ZXQ1Q cumplió ZXQ2Q.", names)
	if out != "Rose Stone cumplió Greene." || lost != nil {
		t.Errorf("unmask = %q, lost %q", out, lost)
	}
	_, lost = unmask("ZXQ1Q cumplió.", names)
	if !reflect.DeepEqual(lost, []string{"Greene"}) {
		t.Errorf("lost = %q", lost)
	}
}

func TestCleanKeeps(t *testing.T) {
	const text = "Elnur Rasulov met Əli Həsənov in Bakı on Monday." // Ə and ə take two bytes
	tests := []struct {
		name  string
		keeps []Keep
		want  []Keep
	}{
		{"valid spans sorted", []Keep{{18, 32, "Ali Hasanov", "", false}, {0, 13, "", "", false}}, []Keep{{0, 13, "", "", false}, {18, 32, "Ali Hasanov", "", false}}},
		{"out of range, empty, reversed dropped", []Keep{{-1, 2, "", "", false}, {40, 99, "", "", false}, {7, 7, "", "", false}, {9, 4, "", "", false}, {0, 5, "", "", false}}, []Keep{{0, 5, "", "", false}}},
		{"inside a character dropped", []Keep{{19, 32, "", "", false}, {18, 19, "", "", false}, {0, 5, "", "", false}}, []Keep{{0, 5, "", "", false}}},
		{"inside another dropped, outer form kept", []Keep{{6, 13, "Rasulov", "", false}, {0, 13, "Elnur Rasulov", "", false}}, []Keep{{0, 13, "Elnur Rasulov", "", false}}},
		{"partial overlap merged verbatim", []Keep{{0, 8, "A", "", false}, {6, 13, "B", "", false}}, []Keep{{0, 13, "", "", false}}},
		{"chain of overlaps merged", []Keep{{0, 8, "", "", false}, {6, 20, "", "", false}, {18, 32, "", "", false}}, []Keep{{0, 32, "", "", false}}},
		{"none", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := CleanKeeps(text, tc.keeps)
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("CleanKeeps = %v, want %v", got, tc.want)
			}
		})
	}
}
