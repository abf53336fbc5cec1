package exonym_test

import (
	"testing"

	"github.com/dossier-news/dossier/pipeline/translate/exonym"
)

func TestName(t *testing.T) {
	for _, tc := range []struct {
		name, to, want string
		ok             bool
	}{
		{"Tehran", "es", "Teherán", true},
		{"Baku", "es", "Bakú", true},
		{"Yerevan", "es", "Ereván", true},
		{"Moscow", "es-MX", "Moscú", true},
		{"Iran", "es", "Irán", true},
		{"Moscow", "de", "Moskau", true},
		{"London", "fr", "Londres", true},
		{"Madrid", "es", "", false}, // the same in both
		{"Atlantis", "es", "", false},
		{"Tehran", "az", "", false}, // not a language of the table
		{"Tehran", "not a tag!", "", false},
	} {
		got, ok := exonym.Name(tc.name, tc.to)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Name(%q, %q) = %q, %v; want %q, %v", tc.name, tc.to, got, ok, tc.want, tc.ok)
		}
	}
}
