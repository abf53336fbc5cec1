package translate

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func texts(segs []Segment) []string {
	var out []string
	for _, s := range segs {
		out = append(out, s.Text)
	}
	return out
}

func TestSplit(t *testing.T) {
	long := strings.Repeat("word ", 30) + "end."
	cases := []struct {
		name   string
		text   string
		keeps  []Keep
		limits Limits
		want   []string
	}{
		{"one sentence per segment", "One. Two. Three.", nil, Limits{}, []string{"One.", "Two.", "Three."}},
		{"grouped", "One. Two. Three.", nil, Limits{GroupChars: 9}, []string{"One. Two.", "Three."}},
		{"long sentence cut at spaces", long, nil, Limits{MaxChars: 40}, nil},
		{"cut prefers a comma", "Alpha beta gamma, delta epsilon zeta eta theta.", nil, Limits{MaxChars: 30}, []string{"Alpha beta gamma,", "delta epsilon zeta eta theta."}},
		{"never inside a keep", "Talks with Rose Stone ended today.", []Keep{{11, 21, "", "", false}}, Limits{MaxChars: 18}, []string{"Talks with", "Rose Stone ended", "today."}},
		{"keep spanning a false break", "They met Dr. Who today. Fine.", []Keep{{9, 16, "", "", false}}, Limits{}, []string{"They met Dr. Who today.", "Fine."}},
		{"byte limit on cyrillic", "Захир Аскеров задержан сегодня утром.", nil, Limits{MaxBytes: 30}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			spans, segs := Split(c.text, "en", c.keeps, c.limits)
			if len(spans) != len(segs) {
				t.Fatalf("%d spans, %d segments", len(spans), len(segs))
			}
			for i, s := range segs {
				if c.limits.MaxChars > 0 && utf8.RuneCountInString(s.Text) > c.limits.MaxChars {
					t.Errorf("segment %q over %d chars", s.Text, c.limits.MaxChars)
				}
				if c.limits.MaxBytes > 0 && len(s.Text) > c.limits.MaxBytes {
					t.Errorf("segment %q over %d bytes", s.Text, c.limits.MaxBytes)
				}
				if !utf8.ValidString(s.Text) {
					t.Errorf("segment %d is not valid UTF-8", i)
				}
				if c.text[spans[i].Start:spans[i].End] != s.Text {
					t.Errorf("span %v does not match segment %q", spans[i], s.Text)
				}
				for _, k := range s.Keep {
					if k.Start < 0 || k.End > len(s.Text) {
						t.Errorf("keep %+v outside %q", k, s.Text)
					}
				}
			}
			if c.want != nil && !reflect.DeepEqual(texts(segs), c.want) {
				t.Errorf("Split = %q, want %q", texts(segs), c.want)
			}
			// Whatever the cuts, every keep survives whole in one segment.
			for _, k := range c.keeps {
				name := c.text[k.Start:k.End]
				found := false
				for _, s := range segs {
					for _, sk := range s.Keep {
						found = found || s.Text[sk.Start:sk.End] == name
					}
				}
				if !found {
					t.Errorf("keep %q lost by the split: %q", name, texts(segs))
				}
			}
		})
	}
}

func TestPack(t *testing.T) {
	seg := func(n int) Segment { return Segment{Text: strings.Repeat("a", n)} }
	cases := []struct {
		name   string
		segs   []Segment
		limits RequestLimits
		want   [][]int
	}{
		{"no limits: one request", []Segment{seg(5), seg(5), seg(5)}, RequestLimits{}, [][]int{{0, 1, 2}}},
		{"segment count", []Segment{seg(1), seg(1), seg(1)}, RequestLimits{MaxSegments: 2}, [][]int{{0, 1}, {2}}},
		{"chars, first fit", []Segment{seg(6), seg(6), seg(3), seg(4)}, RequestLimits{MaxChars: 10}, [][]int{{0, 2}, {1, 3}}},
		{"bytes", []Segment{{Text: "ддддд"}, {Text: "ддддд"}}, RequestLimits{MaxBytes: 15}, [][]int{{0}, {1}}},
		{"oversized alone", []Segment{seg(20), seg(2)}, RequestLimits{MaxChars: 10}, [][]int{{0}, {1}}},
		{"empty", nil, RequestLimits{MaxChars: 10}, [][]int{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Pack(c.segs, c.limits); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Pack = %v, want %v", got, c.want)
			}
		})
	}
}

func TestRetryWait(t *testing.T) {
	r := Retry{Base: 100 * time.Millisecond, Max: time.Second, MaxAfter: 10 * time.Second}
	cases := []struct {
		name    string
		attempt int
		err     error
		jitter  float64
		want    time.Duration
	}{
		{"first, no jitter offset", 1, ErrRetry, 0.5, 100 * time.Millisecond},
		{"doubles", 3, ErrRetry, 0.5, 400 * time.Millisecond},
		{"capped", 10, ErrRetry, 0.5, time.Second},
		{"jitter low", 1, ErrRetry, 0, 80 * time.Millisecond},
		{"jitter high", 1, ErrRetry, 0.999999, 119999990 * time.Nanosecond},
		{"retry-after honoured", 1, &RetryAfterError{Err: ErrRetry, After: 7 * time.Second}, 0.5, 7 * time.Second},
		{"retry-after capped", 1, &RetryAfterError{Err: ErrRetry, After: time.Hour}, 0.5, 10 * time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := r.Wait(c.attempt, c.err, c.jitter)
			if d := got - c.want; d < -time.Microsecond || d > time.Microsecond {
				t.Errorf("Wait = %s, want %s", got, c.want)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2022, 11, 22, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name, value string
		want        time.Duration
		ok          bool
	}{
		{"seconds", "120", 2 * time.Minute, true},
		{"http date", "Tue, 22 Nov 2022 10:00:30 GMT", 30 * time.Second, true},
		{"date in the past", "Tue, 22 Nov 2022 09:00:00 GMT", 0, true},
		{"empty", "", 0, false},
		{"garbage", "soon", 0, false},
		{"negative", "-5", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := ParseRetryAfter(c.value, now)
			if got != c.want || ok != c.ok {
				t.Errorf("ParseRetryAfter(%q) = %s, %v; want %s, %v", c.value, got, ok, c.want, c.ok)
			}
		})
	}
}
