// Package translate is the translate stage: it splits a document into
// sentence-aligned segments, protects names, packs segments into as few
// requests as each engine allows, sends them concurrently under a rate
// limit, retries what may be retried, checks what comes back, and caches
// every answer so that nothing is paid for twice.
//
// What a batch may cost is bounded: a segment is never resent for more
// than twice its characters (then it is kept, flagged), Options.Budget
// caps a batch and each article, and Report counts every character that
// left. An engine that cannot be reached stops the batch within seconds
// (ErrEngineDown), with everything answered so far cached.
//
// An engine is a Translator; a Backend describes one as data (name,
// options, constructor) and a Registry holds the backends a program
// offers. Each engine lives in its own package (apertium, deepl, google,
// azure, libretranslate, openai) and passes the suite in translatortest.
package translate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"
)

// A Segment is one piece of text for an engine: a sentence or a few, never
// more than one text unit of a document.
type Segment struct {
	Text string
	// Keep lists spans of Text that must come back verbatim, such as names.
	// An engine protects them with its strongest mechanism.
	Keep []Keep
}

// A Keep is a span of a segment's text [Start, End) in bytes, to appear in
// the translation as As (the canonical name, or its form for the target
// language); As is the span's own text when empty.
//
// The stage sends engines its keeps without As: an engine keeps the span
// as it stands, and the stage puts As in its place afterwards, so that a
// segment's translation, and its cache key, depend on the segment alone
// and not on how the rest of a batch spells its names.
type Keep struct {
	Start, End int
	As         string
	// Kind is what the span is: KindPerson, KindPlace, KindTerm (a
	// glossary entry), or empty when unknown. An engine that protects
	// names by standing a name of its own dictionary in their place
	// (Apertium) picks one of the same kind, so that the grammar around
	// it comes out as it would for the real name.
	Kind string
	// Female is set on a person's name that is a woman's, as far as its
	// given name or surname ending tells, so that such an engine stands a
	// woman's name in its place and the words that agree with it come
	// out feminine ("Laura está cansada").
	Female bool
}

// Kinds of Keep.
const (
	KindPerson = "person"
	KindPlace  = "place"
	KindTerm   = "term"
)

// A Translator is one configured engine.
type Translator interface {
	// Translate returns one translated segment per input segment, in order.
	// The input already fits Capabilities; the engine does not split it.
	Translate(ctx context.Context, from, to language.Tag, segs []Segment) ([]Segment, error)
	Capabilities() Capabilities
}

// Protection names how an engine keeps a span untranslated.
type Protection string

const (
	ProtectNone        Protection = "none"              // the stage must check and substitute afterwards
	ProtectIgnoreTags  Protection = "xml-ignore-tags"   // DeepL tag_handling=xml, ignore_tags
	ProtectTranslateNo Protection = "html-translate-no" // translate="no" in html mode
	ProtectNoTrans     Protection = "apertium-notrans"  // <apertium-notrans>
	// ProtectStandIn sends, in a name's place, a name of the same kind
	// that the engine's dictionary knows and leaves as it is, and puts the
	// name back in the answer: the engine inflects the sentence around a
	// proper noun ("El servicio de Seguridad de X" for "X's Security
	// Service") instead of around a gap.
	ProtectStandIn      Protection = "stand-in-names"
	ProtectDictionary   Protection = "dictionary"   // Azure mstrans:dictionary
	ProtectInstructions Protection = "instructions" // LLM: instructions, tags and a JSON schema
)

// Capabilities declares an engine's limits and features. Zero limits mean
// none. The stage packs requests to fit; the conformance suite checks that
// the engine keeps to them and skips, by name, what it declares it lacks.
type Capabilities struct {
	Engine      string // registry name
	Model       string // model or version, part of the cache key
	MaxSegments int    // segments per request
	MaxBytes    int    // UTF-8 bytes of text per request
	MaxChars    int    // characters (code points) of text per request
	Protect     Protection
	Glossary    bool
	Detect      bool    // can detect the source language itself
	Concurrency int     // default requests in flight
	Rate        float64 // default requests per second; 0 means no limit
	// CharsPerMinute is the character quota a service enforces per
	// minute (Azure F0 about 33,300, Google 6,000,000); 0 means none. The
	// stage paces requests to it and never sends a request larger.
	CharsPerMinute int
	// MaxSegmentChars is the longest segment in characters: consecutive
	// sentences of one text unit are grouped up to it, which gives engines
	// that translate each text alone (DeepL) the context of a paragraph.
	// Zero means one sentence per segment, which suits engines that have
	// no context beyond the sentence (Apertium) and caches best.
	MaxSegmentChars int
}

// Error classes, after rclone's fserrors: a backend wraps every error it
// returns in one of them, and the stage's retry loop reads the class.
var (
	// ErrRetry marks a failure worth retrying with backoff: 429, 5xx,
	// timeouts, resets, cut-off bodies.
	ErrRetry = errors.New("temporary failure")
	// ErrFatal marks a failure that must stop the batch: quota exhausted,
	// bad key, forbidden. Everything done so far is kept.
	ErrFatal = errors.New("engine refused")
	// ErrTooLarge marks a request the engine found too big: split it and
	// send the halves.
	ErrTooLarge = errors.New("request too large")
	// ErrTruncated marks an answer that lost text: missing segments, an
	// output cut off by a token limit.
	ErrTruncated = errors.New("translation truncated")
	// ErrBadSegment marks one segment of a request that cannot be sent,
	// such as one whose Keep spans its engine cannot mark up; it comes in
	// a SegmentError. The stage keeps that segment in its source text,
	// flagged, and sends the others: one bad segment never stops a batch.
	ErrBadSegment = errors.New("segment cannot be sent")
	// ErrUnreachable marks a request that never reached the engine:
	// connection refused, no such host, a failed TLS handshake. It is
	// also ErrRetry, since a restarting engine comes back; but a batch
	// whose first request cannot reach its engine stops at once, and one
	// whose engine stays unreachable for several requests in a row stops
	// with ErrEngineDown.
	ErrUnreachable error = &classError{"cannot reach the engine", ErrRetry}
	// ErrEngineDown stops a batch whose engine cannot be reached. It is
	// also ErrFatal: everything done so far is kept and cached.
	ErrEngineDown error = &classError{"engine down", ErrFatal}
	// ErrBudget stops a batch, or fails an article, that would send more
	// than Options.Budget allows. It is also ErrFatal.
	ErrBudget error = &classError{"over the cost budget", ErrFatal}
	// ErrCacheWrite stops a batch whose answers cannot be cached: going
	// on would pay for translations the next run pays for again. It is
	// also ErrFatal; what was cached so far stays.
	ErrCacheWrite error = &classError{"cannot write the translation cache", ErrFatal}
	// ErrBadAnswer marks an answer that does not match its request:
	// JSON of another shape, segments shifted or in another order. It is
	// never cached; the stage resends the segments one at a time, within
	// the request's resend budget.
	ErrBadAnswer = errors.New("answer does not match the request")
	// ErrUnknownEngine is wrapped by Registry.Lookup.
	ErrUnknownEngine = errors.New("unknown engine")
	// ErrUnsupportedPair is returned for a language pair an engine lacks.
	ErrUnsupportedPair = errors.New("language pair not supported")
)

// A classError is an error class that belongs to a wider one too.
type classError struct {
	text string
	also error
}

func (e *classError) Error() string        { return e.text }
func (e *classError) Is(target error) bool { return target == e.also }

// RetryAfterError carries a server's Retry-After wish with a retryable error.
type RetryAfterError struct {
	Err   error
	After time.Duration
}

func (e *RetryAfterError) Error() string { return fmt.Sprintf("%v (retry after %s)", e.Err, e.After) }
func (e *RetryAfterError) Unwrap() error { return e.Err }

// SegmentError names the segment of a request, by its index, that Err
// (of class ErrBadSegment) is about; Err's text names the engine and the
// segment.
type SegmentError struct {
	Index int
	Err   error
}

func (e *SegmentError) Error() string { return e.Err.Error() }
func (e *SegmentError) Unwrap() error { return e.Err }

// An Option is one setting of a backend, as data: flags, environment
// fallbacks, help and redaction are derived from it.
type Option struct {
	Name    string // "url", "key", "model", "region"
	Env     string // environment variable read when the option is unset
	Default string
	Help    string
	Secret  bool // never printed, logged, cached or written
	// Required options must be set by flag, profile or environment.
	Required bool
}

// Config holds the settings a backend is built from. Its String method
// hides Key and every secret option, so a Config may be logged.
type Config struct {
	URL     string
	Key     string
	Model   string
	Options map[string]string // any other Option by Name

	secret map[string]bool // option names to redact, set by Backend.Configure
}

// String returns the settings with secrets replaced by "[redacted]".
func (c Config) String() string {
	var parts []string
	add := func(name, value string, secret bool) {
		if value == "" {
			return
		}
		if secret {
			value = "[redacted]"
		}
		parts = append(parts, name+"="+value)
	}
	add("url", c.URL, c.secret["url"])
	add("key", c.Key, true)
	add("model", c.Model, c.secret["model"])
	names := make([]string, 0, len(c.Options))
	for name := range c.Options {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		add(name, c.Options[name], c.secret[name] || looksSecret(name))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// GoString keeps %#v from printing the key.
func (c Config) GoString() string { return "translate.Config" + c.String() }

func looksSecret(name string) bool {
	name = strings.ToLower(name)
	for _, word := range []string{"key", "token", "secret", "password"} {
		if strings.Contains(name, word) {
			return true
		}
	}
	return false
}

// A Backend is an engine as data.
type Backend struct {
	Name    string
	Help    string
	Options []Option
	New     func(cfg Config, hc *resty.Client) (Translator, error)
}

// Configure builds a Config from set (values by option name, from flags or
// a profile; empty values count as unset), falling back to each option's
// environment variable through getenv and then to its default. The well
// known names url, key and model fill the fields of the same name.
func (b Backend) Configure(set map[string]string, getenv func(string) string) (Config, error) {
	cfg := Config{Options: map[string]string{}, secret: map[string]bool{}}
	for _, o := range b.Options {
		v := set[o.Name]
		if v == "" && o.Env != "" && getenv != nil {
			v = getenv(o.Env)
		}
		if v == "" {
			v = o.Default
		}
		if v == "" && o.Required {
			if o.Env != "" {
				return Config{}, fmt.Errorf("%s: option %s is required: set it or $%s", b.Name, o.Name, o.Env)
			}
			return Config{}, fmt.Errorf("%s: option %s is required", b.Name, o.Name)
		}
		if o.Secret {
			cfg.secret[o.Name] = true
		}
		switch o.Name {
		case "url":
			cfg.URL = v
		case "key":
			cfg.Key = v
		case "model":
			cfg.Model = v
		default:
			if v != "" {
				cfg.Options[o.Name] = v
			}
		}
	}
	for name := range set {
		if !slices.ContainsFunc(b.Options, func(o Option) bool { return o.Name == name }) && set[name] != "" {
			return Config{}, fmt.Errorf("%s: no option %q (have %s)", b.Name, name, strings.Join(b.optionNames(), ", "))
		}
	}
	return cfg, nil
}

func (b Backend) optionNames() []string {
	names := make([]string, len(b.Options))
	for i, o := range b.Options {
		names[i] = o.Name
	}
	return names
}

// A Registry holds the backends a program offers, by name. It is a value:
// a program lists its backends in one NewRegistry call, and tests build
// the registry they need.
type Registry struct {
	backends []Backend
}

// NewRegistry returns a registry of backends in the order given. When two
// share a name the first wins.
func NewRegistry(backends ...Backend) *Registry {
	r := &Registry{}
	for _, b := range backends {
		if _, err := r.Lookup(b.Name); err == nil || b.Name == "" {
			continue
		}
		r.backends = append(r.backends, b)
	}
	return r
}

// Lookup returns the backend called name; the error wraps ErrUnknownEngine
// and lists the names there are.
func (r *Registry) Lookup(name string) (Backend, error) {
	for _, b := range r.backends {
		if b.Name == name {
			return b, nil
		}
	}
	return Backend{}, fmt.Errorf("%q: %w (have %s)", name, ErrUnknownEngine, strings.Join(r.Names(), ", "))
}

// Backends returns the backends in registry order.
func (r *Registry) Backends() []Backend { return slices.Clone(r.backends) }

// Names returns the backend names in registry order.
func (r *Registry) Names() []string {
	names := make([]string, len(r.backends))
	for i, b := range r.backends {
		names[i] = b.Name
	}
	return names
}

// A Pair is one translation direction an engine offers, as BCP 47 tags.
type Pair struct {
	From, To string
}

// A PairLister can tell which directions it offers; engines that depend on
// what a server has installed (Apertium) implement it. The stage asks at
// most once per batch, and not at all when the cache or a remembered
// listing already answers; a document in a pair the engine lacks costs at
// most one refused request per language, never billed.
type PairLister interface {
	Pairs(ctx context.Context) ([]Pair, error)
}

// A GlossaryUser is an engine with term dictionaries of its own (DeepL's
// glossaries), which inflect a term as the sentence needs. Before a batch
// sends anything the stage hands it the glossary's entries for each pair
// it will translate, and leaves those terms to it instead of protecting
// them. UseGlossary may create the dictionary on the service; it is
// called once per pair and batch, never for a dry run. It returns the
// requests it sent to the service, failed ones included, which the stage
// counts in Report.GlossaryRequests.
type GlossaryUser interface {
	UseGlossary(ctx context.Context, from, to language.Tag, entries []GlossaryEntry) (requests int, err error)
}

// A Checker can tell whether its engine is reachable and usable without
// translating anything, for 'dossier engines --check'.
type Checker interface {
	Check(ctx context.Context) error
}
