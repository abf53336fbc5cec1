// Package ner finds mentions of persons, places and organisations in a
// sentence of words: a linear-chain tagger (structured averaged
// perceptron, BIO labels, Viterbi decoding) over hashed features of word
// shape, case, affixes, script, position, neighbouring words,
// inflection-reduced forms and word lists, trained on public news corpora
// in English, Russian, Ukrainian, Turkish, Persian, Arabic and Armenian
// (MODELS.md lists them, their licences and the measured figures).
// Azerbaijani is tagged through the features it shares with Turkish.
//
// Start with Default, the model embedded in the binary, and Model.Tag.
// Organisations are found so that their words are not taken for persons
// or places; callers that protect names use Person and Place spans.
//
// The training side is Train and Model.Encode; cmd/nertrain reads the
// corpora (package corpus) and writes the embedded weights, model.bin.
package ner

import (
	"bufio"
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
	"sync/atomic"
)

// Kind is the kind of a mention.
type Kind uint8

const (
	Person Kind = iota + 1
	Place
	Org // recognised so that its words are not taken for a person or place
)

func (k Kind) String() string {
	switch k {
	case Person:
		return "person"
	case Place:
		return "place"
	case Org:
		return "org"
	}
	return "none"
}

// A Span is a mention: words [Start,End) of the words passed to Tag.
//
// Confidence is σ(m/τ), where m is the smallest margin over the span's
// words between the score of the chosen label and the best other label
// (given the label chosen before it; the outside label's score lowered by
// the language's calibration bias), and τ is fixed at training time: the
// median margin of the words of correctly found mentions in the training
// data. So 0.5 means a tie with another reading of some word, about 0.73
// a typical mention, and values near 1 mentions well clear of any other
// reading. It ranks mentions; it is not a calibrated probability.
type Span struct {
	Start, End int
	Kind       Kind
	Confidence float32
}

// Labels: O, then B and I for each kind.
const (
	labO = iota
	labBPer
	labIPer
	labBLoc
	labILoc
	labBOrg
	labIOrg
	numLabels
)

func labelKind(l int) Kind { return Kind((l + 1) / 2) }
func isInside(l int) bool  { return l != labO && l%2 == 0 }

// allowed reports whether label l may follow prev (numLabels: sentence
// start): an I label continues a mention of its kind.
func allowed(prev, l int) bool {
	if !isInside(l) {
		return true
	}
	return prev != numLabels && prev != labO && labelKind(prev) == labelKind(l)
}

// A Model is a trained tagger. It is immutable and safe for concurrent use.
type Model struct {
	bits  uint8
	mask  uint32
	w     []int16 // (1<<bits) × numLabels emission weights
	trans [(numLabels + 1) * numLabels]int16
	scale float32 // weight units per int16 step
	tau   float32 // confidence temperature, in weight units
	// bias is subtracted from the outside label's score, per language
	// (langID), in int16 steps: chosen on the held-out split by
	// Calibrate, it trades precision for recall where the raw model
	// leaves out more names than it invents.
	bias [numLangs]float32
	lex  Lexicon
}

const (
	magic   = "dossier-ner/3\n"
	magicV2 = "dossier-ner/2\n" // without biases
)

//go:embed model.bin
var embedded []byte

// decodes counts decodings of the embedded model, so tests can check that importing the
// package decodes nothing.
var decodes atomic.Int32

var defaultModel = sync.OnceValues(func() (*Model, error) {
	decodes.Add(1)
	m, err := Decode(bytes.NewReader(embedded))
	if err != nil {
		return nil, fmt.Errorf("embedded model: %w", err)
	}
	return m, nil
})

// Default returns the model embedded in the binary, decoding it on the
// first call (about a second; 28 MB of memory from then on). Importing the
// package decodes nothing.
func Default() (*Model, error) { return defaultModel() }

// Encode writes the model: a header, then the weights, deflated.
func (m *Model) Encode(w io.Writer) error {
	if _, err := io.WriteString(w, magic); err != nil {
		return err
	}
	zw, err := flate.NewWriter(w, flate.BestCompression)
	if err != nil {
		return err
	}
	hdr := struct {
		Bits, Labels uint8
		Scale, Tau   float32
	}{m.bits, numLabels, m.scale, m.tau}
	if err := binary.Write(zw, binary.LittleEndian, hdr); err != nil {
		return err
	}
	if err := binary.Write(zw, binary.LittleEndian, m.trans[:]); err != nil {
		return err
	}
	if err := binary.Write(zw, binary.LittleEndian, m.bias[:]); err != nil {
		return err
	}
	if err := m.lex.encode(zw); err != nil {
		return err
	}
	if err := binary.Write(zw, binary.LittleEndian, m.w); err != nil {
		return err
	}
	return zw.Close()
}

// ErrFormat is wrapped by Decode's errors when the input is not a model.
var ErrFormat = errors.New("not a ner model")

// Decode reads a model written by Encode.
func Decode(r io.Reader) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic && string(head) != magicV2 {
		return nil, fmt.Errorf("header: %w", ErrFormat)
	}
	fr := flate.NewReader(r)
	defer fr.Close()
	zr := bufio.NewReader(fr)
	var hdr struct {
		Bits, Labels uint8
		Scale, Tau   float32
	}
	if err := binary.Read(zr, binary.LittleEndian, &hdr); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if hdr.Labels != numLabels || hdr.Bits < 8 || hdr.Bits > 26 {
		return nil, fmt.Errorf("header: %d labels, %d bits: %w", hdr.Labels, hdr.Bits, ErrFormat)
	}
	m := &Model{bits: hdr.Bits, mask: 1<<hdr.Bits - 1, scale: hdr.Scale, tau: hdr.Tau}
	if err := binary.Read(zr, binary.LittleEndian, m.trans[:]); err != nil {
		return nil, fmt.Errorf("transitions: %w", err)
	}
	if string(head) == magic {
		if err := binary.Read(zr, binary.LittleEndian, m.bias[:]); err != nil {
			return nil, fmt.Errorf("biases: %w", err)
		}
	}
	lex, err := decodeLexicon(zr)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	m.lex = lex
	m.w = make([]int16, (1<<hdr.Bits)*numLabels)
	// binary.Read would convert through a buffer as large as the weights.
	buf := make([]byte, 64<<10)
	for i := 0; i < len(m.w); {
		n := min(len(buf), 2*(len(m.w)-i))
		if _, err := io.ReadFull(zr, buf[:n]); err != nil {
			return nil, fmt.Errorf("weights: %w", err)
		}
		for k := 0; k < n; k += 2 {
			m.w[i] = int16(binary.LittleEndian.Uint16(buf[k:]))
			i++
		}
	}
	return m, nil
}

// isWord reports whether w has a letter or digit; other tokens
// (punctuation) are skipped by Tag, so callers may pass them or not.
func isWord(w string) bool {
	for _, r := range w {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

// Tag finds the mentions in one sentence of words, as the names stage
// tokenizes them (punctuation tokens may be included; they are skipped
// and never part of a span's ends). lang is an ISO 639-1 code ("en",
// "ru", "uk", "tr", "az", "fa", "ar", "hy"); any other language gets the
// language-neutral features only. Pass one sentence at a time: the first
// word's capital is read as a sentence start.
func (m *Model) Tag(lang string, words []string) []Span {
	spans, margins := m.tag(lang, words)
	for i := range spans {
		spans[i].Confidence = m.sigmoid(margins[i])
	}
	return spans
}

// TagOutside is Tag that also returns, for each of words, how sure the
// model is that the word is in no mention: σ(m/τ) as for a span's
// Confidence, m being the margin of the word's "outside" label over the
// best label that would open a person or place mention there. It is 0 for
// the words of the spans and for punctuation. A word the model leaves
// out with an outside confidence near 0.5 was almost read as a name.
func (m *Model) TagOutside(lang string, words []string) ([]Span, []float32) {
	spans, margins, outside := m.tagDetail(lang, words, true)
	for i := range spans {
		spans[i].Confidence = m.sigmoid(margins[i])
	}
	return spans, outside
}

func (m *Model) sigmoid(margin float32) float32 {
	return float32(1 / (1 + math.Exp(-float64(margin/m.tau))))
}

// tag returns the spans and the margin of each, in weight units.
func (m *Model) tag(lang string, words []string) ([]Span, []float32) {
	spans, margins, _ := m.tagDetail(lang, words, false)
	return spans, margins
}

// tagDetail returns the spans, the margin of each, in weight units, and,
// when outside is set, each word's outside confidence (TagOutside).
func (m *Model) tagDetail(lang string, words []string, outside bool) ([]Span, []float32, []float32) {
	idx := make([]int, 0, len(words))
	kept := make([]string, 0, len(words))
	for i, w := range words {
		if isWord(w) {
			idx = append(idx, i)
			kept = append(kept, w)
		}
	}
	var out []float32
	if outside {
		out = make([]float32, len(words))
	}
	if len(kept) == 0 {
		return nil, nil, out
	}
	toks := prepare(kept, m.lex)
	scores := m.emissions(toks, langID(lang))
	path := viterbi(scores, func(p, l int) float32 { return float32(m.trans[p*numLabels+l]) })
	if outside {
		for i, l := range path {
			if l != labO {
				continue
			}
			prev := numLabels
			if i > 0 {
				prev = path[i-1]
			}
			o := scores[i*numLabels+labO] + float32(m.trans[prev*numLabels+labO])
			best := float32(math.Inf(-1))
			for _, b := range []int{labBPer, labBLoc} {
				best = max(best, scores[i*numLabels+b]+float32(m.trans[prev*numLabels+b]))
			}
			out[idx[i]] = m.sigmoid((o - best) * m.scale)
		}
	}
	spans := spansOf(path)
	res := make([]Span, 0, len(spans))
	margins := make([]float32, 0, len(spans))
	for _, s := range spans {
		margin := float32(math.Inf(1))
		for i := s.Start; i < s.End; i++ {
			prev := numLabels
			if i > 0 {
				prev = path[i-1]
			}
			best, other := float32(0), float32(math.Inf(-1))
			for l := 0; l < numLabels; l++ {
				if !allowed(prev, l) {
					continue
				}
				v := scores[i*numLabels+l] + float32(m.trans[prev*numLabels+l])
				if l == path[i] {
					best = v
				} else if v > other {
					other = v
				}
			}
			margin = min(margin, best-other)
		}
		res = append(res, Span{Start: idx[s.Start], End: idx[s.End-1] + 1, Kind: s.Kind})
		margins = append(margins, margin*m.scale)
	}
	return res, margins, out
}

// emissions returns the label scores of each word, in int16 steps.
func (m *Model) emissions(toks []token, lang byte) []float32 {
	scores := make([]float32, len(toks)*numLabels)
	head := headline(toks)
	var feats []uint32
	for i := range toks {
		feats = features(feats[:0], toks, i, lang, head, m.mask)
		var acc [numLabels]int32
		for _, f := range feats {
			row := m.w[int(f)*numLabels : int(f)*numLabels+numLabels]
			for l, v := range row {
				acc[l] += int32(v)
			}
		}
		for l := range acc {
			scores[i*numLabels+l] = float32(acc[l])
		}
		scores[i*numLabels+labO] -= m.bias[lang]
	}
	return scores
}

// viterbi returns the best label sequence for emission scores (n ×
// numLabels) and transition scores trans(prev, l), prev = numLabels at the
// start.
func viterbi(scores []float32, trans func(prev, l int) float32) []int {
	n := len(scores) / numLabels
	back := make([]int8, n*numLabels)
	cur := make([]float32, numLabels)
	next := make([]float32, numLabels)
	neg := float32(math.Inf(-1))
	for l := 0; l < numLabels; l++ {
		cur[l] = neg
		if allowed(numLabels, l) {
			cur[l] = scores[l] + trans(numLabels, l)
		}
	}
	for i := 1; i < n; i++ {
		for l := 0; l < numLabels; l++ {
			best, arg := neg, 0
			for p := 0; p < numLabels; p++ {
				if cur[p] == neg || !allowed(p, l) {
					continue
				}
				if v := cur[p] + trans(p, l); v > best {
					best, arg = v, p
				}
			}
			next[l] = best + scores[i*numLabels+l]
			back[i*numLabels+l] = int8(arg)
		}
		cur, next = next, cur
	}
	path := make([]int, n)
	best := 0
	for l := 1; l < numLabels; l++ {
		if cur[l] > cur[best] {
			best = l
		}
	}
	for i := n - 1; i >= 0; i-- {
		path[i] = best
		best = int(back[i*numLabels+best])
	}
	return path
}

type labelSpan struct {
	Start, End int
	Kind       Kind
}

func spansOf(path []int) []labelSpan {
	var out []labelSpan
	for i := 0; i < len(path); {
		if path[i] == labO {
			i++
			continue
		}
		k := labelKind(path[i])
		j := i + 1
		for j < len(path) && isInside(path[j]) && labelKind(path[j]) == k {
			j++
		}
		out = append(out, labelSpan{i, j, k})
		i = j
	}
	return out
}
