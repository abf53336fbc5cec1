package team

import (
	"errors"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

func TestArticles(t *testing.T) {
	a, c := &pipeline.Document{}, &pipeline.Document{}
	b := pipeline.Batch{{Name: "a.txt", Doc: a}, {Name: "b.txt", Err: errors.New("not text")}, {Name: "c.txt", Doc: c}}
	got := Articles(b)
	if len(got) != 2 || got[0].Seq != 0 || got[0].Doc != a || got[1].Seq != 1 || got[1].Name != "c.txt" || got[1].Doc != c {
		t.Errorf("Articles = %+v, want a.txt and c.txt numbered 0 and 1", got)
	}
}
