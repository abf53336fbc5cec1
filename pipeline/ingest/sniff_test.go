package ingest

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	stdutf16 "unicode/utf16"

	"golang.org/x/text/encoding/charmap"

	"github.com/dossier-news/dossier/pipeline"
)

const (
	sampleEN = "Talks in Baku\n\nThe minister said on Tuesday that the talks would go on next week.\n"
	sampleRU = "Переговоры в Баку продолжатся на следующей неделе, заявил министр во вторник.\n"
	sampleFA = "بختیار آقازاده نیز برای تحصیلات دینی به ایران رفته است.\n"
)

func encode16(s string, le, bom bool) []byte {
	if bom {
		s = "\uFEFF" + s
	}
	var b []byte
	for _, c := range stdutf16.Encode([]rune(s)) {
		if le {
			b = binary.LittleEndian.AppendUint16(b, c)
		} else {
			b = binary.BigEndian.AppendUint16(b, c)
		}
	}
	return b
}

func encode32(s string, le, bom bool) []byte {
	if bom {
		s = "\uFEFF" + s
	}
	var b []byte
	for _, r := range s {
		if le {
			b = binary.LittleEndian.AppendUint32(b, uint32(r))
		} else {
			b = binary.BigEndian.AppendUint32(b, uint32(r))
		}
	}
	return b
}

func cp(t *testing.T, enc *charmap.Charmap, s string) string {
	t.Helper()
	out, err := enc.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDecodeSniffs: the encodings a browser reads are read.
func TestDecodeSniffs(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		note string // in the notes, "" for none
	}{
		{"utf-16le without bom, english", encode16(sampleEN, true, false), sampleEN, "UTF-16LE"},
		{"utf-16be without bom, english", encode16(sampleEN, false, false), sampleEN, "UTF-16BE"},
		{"utf-16le without bom, russian", encode16(sampleRU, true, false), sampleRU, "UTF-16LE"},
		{"utf-16be without bom, persian", encode16(sampleFA, false, false), sampleFA, "UTF-16BE"},
		{"utf-32le with bom", encode32(sampleRU, true, true), sampleRU, ""},
		{"utf-32be with bom", encode32(sampleEN, false, true), sampleEN, ""},
		{"utf-32le without bom", encode32(sampleEN, true, false), sampleEN, "UTF-32LE"},
		{"utf-32be without bom", encode32(sampleFA, false, false), sampleFA, "UTF-32BE"},
		{"utf-8 turning windows-1251", []byte(sampleEN + sampleRU + cp(t, charmap.Windows1251, sampleRU+sampleRU)), sampleEN + sampleRU + sampleRU + sampleRU, "windows-1251"},
		{"windows-1251 throughout", []byte(cp(t, charmap.Windows1251, sampleRU+sampleRU)), sampleRU + sampleRU, "read as windows-1251"},
		{"utf-8 turning windows-1252", []byte(sampleRU + cp(t, charmap.Windows1252, strings.Repeat("Le café près de l'hôtel de ville a été fermé. ", 3))), sampleRU + strings.Repeat("Le café près de l'hôtel de ville a été fermé. ", 3), "windows-1252"},
		{"utf-8 turning windows-1256", []byte(sampleEN + cp(t, charmap.Windows1256, "قال الوزير إن المحادثات في باكو ستستمر الأسبوع المقبل.\n")), sampleEN + "قال الوزير إن المحادثات في باكو ستستمر الأسبوع المقبل.\n", "windows-1256"},
		{"page declared utf-8 with a stray byte in a script", []byte(`<html><head><meta charset="utf-8"><script>var x = '` + "\xff" + `';</script></head><body><p>` + sampleEN + `</p></body></html>`), "var x = '\uFFFD'", "1 byte of invalid UTF-8 replaced (the page declares UTF-8)"},
		{"declared after a long style", []byte("<style>" + strings.Repeat("p{margin:0} ", 500) + "</style><html><head><meta charset=\"windows-1251\"></head><body><p>" + cp(t, charmap.Windows1251, sampleRU) + "</p></body></html>"), sampleRU, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, notes, err := DecodeNotes(tc.in, "", false)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("DecodeNotes = %q, want %q in it", got, tc.want)
			}
			joined := strings.Join(notes, "; ")
			if tc.note == "" && joined != "" || !strings.Contains(joined, tc.note) {
				t.Errorf("notes = %q, want %q", joined, tc.note)
			}
		})
	}
}

// TestDecodeStillRefuses: what no encoding explains stays an error:
// stray bytes in undeclared text, binary data, small integers that look
// like UTF-16 but decode to controls.
func TestDecodeStillRefuses(t *testing.T) {
	ints := make([]byte, 0, 2048)
	for i := range 1024 {
		ints = binary.LittleEndian.AppendUint16(ints, uint16(i%20))
	}
	for name, in := range map[string][]byte{
		"stray bytes":        []byte(sampleEN + "\xff\xfe" + sampleEN),
		"small integers":     ints,
		"zip header":         []byte("PK\x03\x04\x00\x00binary"),
		"unpaired surrogate": append(encode16(sampleEN, true, false), 0x00, 0xD8, 0x41, 0x00),
	} {
		t.Run(name, func(t *testing.T) {
			if got, notes, err := DecodeNotes(in, "", false); !errors.Is(err, pipeline.ErrNotText) {
				t.Errorf("DecodeNotes = %q, %q, %v; want ErrNotText", got, notes, err)
			}
		})
	}
}

func TestDetectKindPastPreamble(t *testing.T) {
	page := "<style>" + strings.Repeat("p { margin: 0; padding: 0; } ", 450) + "</style>\n<!-- x -->\n<script>var a = 1;</script>\n<!doctype html><html><body><p>x</p></body></html>"
	if got := DetectKind(page, ""); got != KindHTML {
		t.Errorf("DetectKind = %s, want html", got)
	}
	if got := DetectKind("<style>unclosed "+strings.Repeat("x", 5000), ""); got != KindText {
		t.Errorf("DetectKind of an unclosed style = %s, want text", got)
	}
}

func TestIndexFold(t *testing.T) {
	for _, tc := range []struct {
		s, needle string
		want      int
	}{
		{"abc</STYLE>x", "</style>", 3},
		{"--x-->", "-->", 3},
		{"<scrip", "</script>", -1},
		{strings.Repeat("-x", 1000), "-->", -1},
	} {
		if got := indexFold(tc.s, tc.needle); got != tc.want {
			t.Errorf("indexFold(%.20q, %q) = %d, want %d", tc.s, tc.needle, got, tc.want)
		}
	}
}
