package ingest

import "testing"

// TestBounds: every field of Limits has a bound, each set once and in its
// units, and every default is the one withDefaults gives.
func TestBounds(t *testing.T) {
	var set, def Limits
	for i, b := range Bounds() {
		b.Set(&set, i+1)
		b.Set(&def, b.Default)
		if got, ok := BoundOf(&LimitError{Bound: b.Name}); !ok || got.Flag != b.Flag {
			t.Errorf("BoundOf(%s) = %v, %v", b.Name, got.Flag, ok)
		}
	}
	if want := (Limits{Blocks: 1, Lines: 2, Links: 3, Depth: 4, String: 5 << 10}); set != want {
		t.Errorf("set %+v, want %+v", set, want)
	}
	if want := (Limits{}).withDefaults(); def != want {
		t.Errorf("defaults %+v, want %+v", def, want)
	}
}
