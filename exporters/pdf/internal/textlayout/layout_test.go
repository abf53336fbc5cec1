package textlayout

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansoblique"
	"github.com/go-fonts/dejavu/dejavuserif"
)

var (
	facesOnce                sync.Once
	sansFace, serifFace, obl *Face
)

func faces(t testing.TB) (sans, serif, oblique *Face) {
	t.Helper()
	facesOnce.Do(func() {
		var err error
		if sansFace, err = NewFace("dejavusans", "", dejavusans.TTF); err != nil {
			panic(err)
		}
		if serifFace, err = NewFace("dejavuserif", "", dejavuserif.TTF); err != nil {
			panic(err)
		}
		if obl, err = NewFace("dejavusans", "I", dejavusansoblique.TTF); err != nil {
			panic(err)
		}
	})
	return sansFace, serifFace, obl
}

// visual returns the text of a line as drawn, left to right.
func visual(ln Line) string {
	var sb strings.Builder
	for _, r := range ln.Runs {
		sb.WriteString(r.Text)
	}
	return sb.String()
}

func lay(t *testing.T, s string, dir Direction, width float64) []Line {
	t.Helper()
	sans, serif, _ := faces(t)
	return NewLayouter().Lay(Paragraph{Spans: []Span{{Text: s, Faces: Chain{sans, serif}}}, Size: 10, Dir: dir}, width)
}

// TestVisualOrder checks the code points drawn, left to right: letters in
// their joining forms (presentation forms where the font names them so,
// the nominal letter where the isolated form is the nominal glyph), words
// of a right-to-left line from right to left, Latin words and digits
// inside it left to right, brackets mirrored. It fails if shaping or
// reordering regresses.
func TestVisualOrder(t *testing.T) {
	tests := []struct {
		name string
		in   string
		dir  Direction
		want string
	}{
		{"mixed persian line", "سال ۲۰۱۸ در WhatsApp و Telegram", RightToLeft,
			"Telegram و WhatsApp رد ۲۰۱۸ ل\uFE8E\uFEB3"},
		{"auto direction from first strong", "سال ۲۰۱۸ در WhatsApp و Telegram", Auto,
			"Telegram و WhatsApp رد ۲۰۱۸ ل\uFE8E\uFEB3"},
		{"lam alef ligature", "لا", RightToLeft, "\uFEFB"},
		{"zwnj breaks the join", "سرویس‌ها", RightToLeft,
			"\uFE8E\uFEEB\u200C\uFEB2\uFBFEو\uFEAE\uFEB3"},
		{"persian letters from PF-A", "پیک", RightToLeft, "\uFB8F\uFBFF\uFB58"},
		{"persian in english line", "Elnur (النور) 2018", Auto, "Elnur (ر\uFEEE\uFEE8\uFEDFا) 2018"},
		{"mirrored brackets around digits", "سال (۱۴۰۳) بود", RightToLeft, "د\uFEEE\uFE91 (۱۴۰۳) ل\uFE8E\uFEB3"},
		{"guillemets mirrored", "«خیانت»", RightToLeft, "«\uFE96\uFEE7\uFE8E\uFBFF\uFEA7»"},
		{"latin unchanged", "Zahir Əsgərov, Захир Аскеров", LeftToRight, "Zahir Əsgərov, Захир Аскеров"},
		{"armenian unchanged", "Նիկոլ Փաշինյան", Auto, "Նիկոլ Փաշինյան"},
		{"bidi controls not drawn", "a\u2068سلام\u2069 b", LeftToRight, "a\u0645\uFEFC\uFEB3 b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := lay(t, tt.in, tt.dir, 1000)
			if len(lines) != 1 {
				t.Fatalf("got %d lines, want 1", len(lines))
			}
			if got := visual(lines[0]); got != tt.want {
				t.Errorf("drawn %+q\nwant  %+q", got, tt.want)
			}
		})
	}
}

// TestWrapLogicalOrder checks that a right-to-left paragraph is wrapped
// in reading order and each line reordered on its own: the first words
// read come on the first line, at its right.
func TestWrapLogicalOrder(t *testing.T) {
	w1 := lay(t, "یک دو", RightToLeft, 1000)[0].Width
	w2 := lay(t, "سه چهار", RightToLeft, 1000)[0].Width
	width := max(w1, w2) + 0.01
	if lay(t, "یک دو سه", RightToLeft, 1000)[0].Width <= width {
		t.Fatal("test words too short for the box")
	}
	lines := lay(t, "یک دو سه چهار", RightToLeft, width)
	var got []string
	for _, ln := range lines {
		got = append(got, visual(ln))
	}
	want := []string{"ود \uFB8F\uFBFE", "ر\uFE8E\uFEEC\uFB7C \uFEEA\uFEB3"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines %+q\nwant  %+q", got, want)
	}
	for _, ln := range lines {
		if !ln.RTL {
			t.Error("line not marked right to left")
		}
		// Right-aligned: the last run ends at the right edge.
		last := ln.Runs[len(ln.Runs)-1]
		if d := math.Abs(last.X + last.Width - width); d > 0.05 {
			t.Errorf("line ends %.3f from the right edge", d)
		}
	}
}

// TestWidths checks that lines fit their box, that justified lines end
// at the margin, and that every run is as wide as fpdf will draw it.
func TestWidths(t *testing.T) {
	sans, serif, _ := faces(t)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("dejavusans", "", dejavusans.TTF)
	pdf.AddUTF8FontFromBytes("dejavuserif", "", dejavuserif.TTF)
	texts := []string{
		"Azerbaijan’s State Security Service (DTX) announced last week it had busted an Iranian spy network and arrested five Azerbaijani citizen on charges of treason.",
		"النور رسول‌اف در سال ۲۰۱۸ برای درمان به ایران سفر کرده و به همراه یکی از بستگانش به نام عارف رسول‌اف، عکس‌ها و ویدئوهایی از پهپادها ارسال کرده است.",
		"Служба государственной безопасности (СГБ) Азербайджана сообщила о задержании пятерых граждан страны.",
		"https://iranwire.com/en/politics/" + strings.Repeat("very-long-path-segment/", 12),
		strings.Repeat("x", 400),
	}
	for _, text := range texts {
		for _, width := range []float64{20, 45, 80, 160} {
			for _, align := range []Align{AlignStart, AlignJustify, AlignCenter, AlignEnd} {
				p := Paragraph{Spans: []Span{{Text: text, Faces: Chain{serif, sans}}}, Size: 4, Align: align}
				lines := NewLayouter().Lay(p, width)
				if len(lines) == 0 {
					t.Fatalf("%.20q at %v: no lines", text, width)
				}
				for i, ln := range lines {
					for _, r := range ln.Runs {
						if r.X < -1e-6 || r.X+r.Width > width+1e-6 {
							t.Errorf("%.20q at %v: run %q spans %.3f–%.3f, outside 0–%v", text, width, r.Text, r.X, r.X+r.Width, width)
						}
						pdf.SetFont(r.Face.Family, r.Face.Style, p.Size*72/25.4)
						if fw := pdf.GetStringWidth(r.Text); !strings.Contains(r.Text, " ") || align != AlignJustify {
							if math.Abs(fw-r.Width) > 1e-6 && math.Abs(fw-r.Width) > 0.002*fw {
								t.Errorf("run %q: we measure %.4f, fpdf %.4f", r.Text, r.Width, fw)
							}
						}
					}
					if align == AlignJustify && i < len(lines)-1 && strings.Contains(text, " ") && len(ln.Runs) > 1 {
						last := ln.Runs[len(ln.Runs)-1]
						if !ln.RTL && math.Abs(last.X+last.Width-width) > 0.01 {
							t.Errorf("%.20q at %v: justified line %d ends at %.3f", text, width, i, last.X+last.Width)
						}
					}
				}
			}
		}
	}
}

func TestClean(t *testing.T) {
	sans, serif, _ := faces(t)
	c := Chain{serif, sans}
	tests := []struct {
		name, in, want string
	}{
		{"drawable text kept", "Zahir Əsgərov Захир ظاهر Նիկոլ", "Zahir Əsgərov Захир ظاهر Նիկոլ"},
		{"manat", "500 ₼", "500 AZN"},
		{"dram", "5000 ֏", "5000 AMD"},
		{"lari", "₾", "GEL"},
		{"emoji dropped", "ok 😀👍🏽 fine", "ok  fine"},
		{"emoji sequence with joiners", "a👨‍👩‍👧b", "ab"},
		{"math letter to compat form", "𝑥 = 1", "x = 1"},
		{"controls dropped", "a\x00b\x07c\u0085d", "abc\nd"},
		{"tab to space", "a\tb", "a b"},
		{"crlf to newline", "a\r\nb\rc", "a\nb\nc"},
		{"invalid utf8 dropped", "a\xffb", "ab"},
		{"unsupported script", "中文", "??"},
		{"bidi controls kept", "\u202bx\u202c", "\u202bx\u202c"},
		{"soft hyphen dropped", "co\u00ADop", "coop"},
		{"markup stays text", "<script>alert(1)</script>", "<script>alert(1)</script>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in, c)
			if got != tt.want {
				t.Errorf("Clean(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
			for _, r := range got {
				if r > 0xFFFF || r != '\n' && !isBidiControl(r) && !c.Has(r) {
					t.Errorf("Clean left %U, which no face draws", r)
				}
			}
		})
	}
}

func TestPlainBMP(t *testing.T) {
	for in, want := range map[string]string{
		"Title\n with  😀 space": "Title with space",
		"𝑥\u202e\x00y":          "xy",
		"bad \xff utf8":         "bad utf8",
	} {
		if got := PlainBMP(in); got != want {
			t.Errorf("PlainBMP(%+q) = %+q, want %+q", in, got, want)
		}
	}
}

// TestNoPanic lays out hostile text in narrow boxes.
func TestNoPanic(t *testing.T) {
	sans, serif, oblique := faces(t)
	inputs := []string{
		"", " ", "\n\n", "\u200c", "\u0651\u064e", "\u202e\u202e\u202e", "\u2067\u2069\u2069",
		"😀", "\U0010FFFF", "\xff\xfe", strings.Repeat("ب", 3000), strings.Repeat("‌", 50),
		"ل" + strings.Repeat("\u0651", 30) + "ا", strings.Repeat("a ", 5000),
		"سلام " + strings.Repeat("\u202b(", 200),
	}
	for i, in := range inputs {
		for _, width := range []float64{0, 0.5, 5, 100} {
			for _, dir := range []Direction{Auto, LeftToRight, RightToLeft} {
				p := Paragraph{Spans: []Span{{Text: in, Faces: Chain{oblique, serif, sans}}, {Text: in, Faces: Chain{sans}}}, Size: 3, Dir: dir, Align: AlignJustify}
				for _, ln := range NewLayouter().Lay(p, width) {
					for _, r := range ln.Runs {
						if !utf8.ValidString(r.Text) {
							t.Errorf("input %d: invalid run text %q", i, r.Text)
						}
						for _, c := range r.Text {
							if c > 0xFFFF || !r.Face.Has(c) {
								t.Errorf("input %d: run in %s %s draws %U, which it lacks", i, r.Face.Family, r.Face.Style, c)
							}
						}
					}
				}
			}
		}
	}
}

// TestObliqueFallsBackForArabic: the oblique face has no Arabic, so
// Persian in an italic chain is drawn upright, Latin stays oblique.
func TestObliqueFallsBackForArabic(t *testing.T) {
	sans, _, oblique := faces(t)
	lines := NewLayouter().Lay(Paragraph{Spans: []Span{{Text: "quote سلام", Faces: Chain{oblique, sans}}}, Size: 4}, 100)
	var got []string
	for _, r := range lines[0].Runs {
		got = append(got, fmt.Sprintf("%s%s:%s", r.Face.Family, r.Face.Style, r.Text))
	}
	want := "dejavusansI:quote |dejavusans:\u0645\uFEFC\uFEB3"
	if strings.Join(got, "|") != want {
		t.Errorf("runs %+q, want %+q", strings.Join(got, "|"), want)
	}
}

func BenchmarkLayPersian(b *testing.B) {
	sans, serif, _ := faces(b)
	text := strings.Repeat("النور رسول‌اف در سال ۲۰۱۸ برای درمان به ایران سفر کرده و از طریق WhatsApp ارسال کرده است. ", 20)
	l := NewLayouter()
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		l.Lay(Paragraph{Spans: []Span{{Text: text, Faces: Chain{sans, serif}}}, Size: 3.7, Dir: RightToLeft, Align: AlignJustify}, 160)
	}
}

func TestLineTextIsVisualOrderOfSource(t *testing.T) {
	sans, _, _ := faces(t)
	tests := []struct {
		name, in, want string
		dir            Direction
	}{
		{"persian with latin and digits", "سال ۲۰۱۸ در WhatsApp", "WhatsApp رد ۲۰۱۸ لاس", RightToLeft},
		{"persian name in english", "By ابراهیم رمضانی today", "By یناضمر میهاربا today", LeftToRight},
		{"bidi controls dropped", "a \u2067ب ج\u2069 c", "a ج ب c", LeftToRight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := NewLayouter().Lay(Paragraph{Spans: []Span{{Text: tt.in, Faces: Chain{sans}}}, Size: 4, Dir: tt.dir}, 1000)
			if len(lines) != 1 || lines[0].Text != tt.want {
				t.Errorf("lines = %+v, want one with Text %q", lines, tt.want)
			}
		})
	}
}
