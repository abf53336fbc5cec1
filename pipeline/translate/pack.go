package translate

import "unicode/utf8"

// RequestLimits bounds one request: segments, bytes and characters of
// segment text. Zero means no limit.
type RequestLimits struct {
	MaxSegments, MaxBytes, MaxChars int
}

func requestLimits(c Capabilities) RequestLimits {
	return RequestLimits{MaxSegments: c.MaxSegments, MaxBytes: c.MaxBytes, MaxChars: c.MaxChars}
}

func (l RequestLimits) fits(segments, bytes, chars int) bool {
	return (l.MaxSegments <= 0 || segments <= l.MaxSegments) &&
		(l.MaxBytes <= 0 || bytes <= l.MaxBytes) &&
		(l.MaxChars <= 0 || chars <= l.MaxChars)
}

// Pack puts segments into as few requests as the limits allow and returns
// each request as indexes into segs. It fills first-fit in the order
// given, so neighbouring sentences mostly travel together. A segment that
// alone exceeds the limits gets a request of its own; the engine will say
// it is too large and the stage will split it.
func Pack(segs []Segment, l RequestLimits) [][]int {
	type bin struct {
		idx          []int
		bytes, chars int
	}
	var bins []*bin
	for i, s := range segs {
		b, c := len(s.Text), utf8.RuneCountInString(s.Text)
		placed := false
		for _, bn := range bins {
			if l.fits(len(bn.idx)+1, bn.bytes+b, bn.chars+c) {
				bn.idx = append(bn.idx, i)
				bn.bytes += b
				bn.chars += c
				placed = true
				break
			}
		}
		if !placed {
			bins = append(bins, &bin{idx: []int{i}, bytes: b, chars: c})
		}
	}
	out := make([][]int, len(bins))
	for i, bn := range bins {
		out[i] = bn.idx
	}
	return out
}
