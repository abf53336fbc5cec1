package pipeline

import "testing"

func TestRefs(t *testing.T) {
	d := &Document{
		Meta: Meta{Title: "Title", Authors: []string{"Ebrahim Ramezani", "Akhtar Safi"}},
		Blocks: []Block{
			{Kind: Paragraph, Text: "para"},
			{Kind: Quote, Items: []string{"q0", "q1"}},
		},
	}
	tests := []struct {
		name string
		ref  Ref
		want string
	}{
		{"paragraph", Ref{Block: 0}, "para"},
		{"quote item", Ref{Block: 1, Item: 1}, "q1"},
		{"title", Ref{Block: MetaBlock, Item: TitleItem}, "Title"},
		{"empty standfirst", Ref{Block: MetaBlock, Item: StandfirstItem}, ""},
		{"second author", Ref{Block: MetaBlock, Item: AuthorItem(1)}, "Akhtar Safi"},
		{"author out of range", Ref{Block: MetaBlock, Item: AuthorItem(2)}, ""},
		{"block out of range", Ref{Block: 2}, ""},
		{"item out of range", Ref{Block: 1, Item: 2}, ""},
		{"negative block", Ref{Block: -2}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := d.Text(tc.ref); got != tc.want {
				t.Errorf("Text(%+v) = %q, want %q", tc.ref, got, tc.want)
			}
		})
	}
	var got []string
	d.MetaUnits(func(r Ref, s *string) { got = append(got, *s) })
	if len(got) != 3 || got[0] != "Title" || got[2] != "Akhtar Safi" {
		t.Errorf("MetaUnits visited %q", got)
	}
}
