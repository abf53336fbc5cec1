package translate

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// A PairSource is a PairLister that names where its listing comes from:
// the server's URL, or the local installation. The stage then remembers
// the listing in its cache for PairListingTTL, so that batches of new
// articles need not ask the server before sending.
type PairSource interface {
	PairLister
	PairSource() string
}

// PairListingTTL is how long a remembered pair listing is trusted. Pairs
// come and go only when a server's packages change; Options.Refresh asks
// again at once.
const PairListingTTL = 24 * time.Hour

type pairListing struct {
	At    time.Time `json:"at"`
	Pairs []Pair    `json:"pairs"`
}

// pairListingKey is the cache key of a source's listing, hashed as the
// translation keys are, and apart from them by its prefix.
func (s *Stage) pairListingKey(src PairSource) string {
	h := sha256.New()
	for _, part := range []string{"dossier-pairs/v1", s.caps.Engine, src.PairSource()} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// rememberedPairs returns the listing of pl kept in the cache, if pl
// names its source and the listing is younger than PairListingTTL.
func (s *Stage) rememberedPairs(pl PairLister) ([]Pair, bool) {
	src, ok := pl.(PairSource)
	if !ok || s.opt.Cache == nil || s.opt.Refresh {
		return nil, false
	}
	b, err := s.opt.Cache.Get(s.pairListingKey(src))
	if err != nil {
		s.opt.Log.Warn("translate: cache read", "err", err)
		return nil, false
	}
	if b == nil {
		return nil, false
	}
	var l pairListing
	if err := json.Unmarshal(b, &l); err != nil {
		s.opt.Log.Warn("translate: remembered pair listing unreadable, asking again", "err", err)
		return nil, false
	}
	if age := s.opt.Now().Sub(l.At); age < 0 || age > PairListingTTL {
		return nil, false
	}
	return l.Pairs, true
}

// rememberPairs keeps the listing of pl in the cache, if pl names its
// source.
func (s *Stage) rememberPairs(pl PairLister, pairs []Pair) {
	src, ok := pl.(PairSource)
	if !ok || s.opt.Cache == nil {
		return
	}
	b, err := json.Marshal(pairListing{At: s.opt.Now().UTC(), Pairs: pairs})
	if err == nil {
		err = s.opt.Cache.Put(s.pairListingKey(src), b)
	}
	if err != nil {
		s.opt.Log.Warn("translate: cache write", "err", err)
	}
}
