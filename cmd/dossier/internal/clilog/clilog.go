// Package clilog is the slog.Handler of the dossier command: every log
// record of the libraries it runs comes out in dossier's own format,
//
//	dossier: warning: names: partial name left unresolved: source=a.txt name=Ali
//
// or as one JSON object a line with --log-format json, and a warning
// repeated for many inputs is printed once, counted, and summed up when
// the run ends (Summary):
//
//	dossier: warning: names: partial name left unresolved: 412 times in 3 articles; -v lists them
//
// With Options.Verbose every occurrence is printed. Start with New; the
// libraries never print, they log through the *slog.Logger they are given.
// The lines the command prints itself go through Handler.Writer, so that
// with --log-format json they too are JSON.
package clilog

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// ArticleKey is the attribute that names the article a record is about;
// a summary counts its distinct values.
const ArticleKey = "source"

// Options configure a Handler.
type Options struct {
	// Prefix starts every text line: "dossier".
	Prefix string
	// Level is the lowest level printed.
	Level slog.Leveler
	// JSON prints one JSON object a line instead of text.
	JSON bool
	// Verbose prints every occurrence of a repeated record; otherwise a
	// record below slog.LevelError is printed the first time its message
	// is seen, and counted after that.
	Verbose bool
	// Now stamps the JSON summary records; time.Now when nil.
	Now func() time.Time
}

// A Handler formats, deduplicates and counts records. Handlers derived
// with WithAttrs and WithGroup share its counts and its writer.
type Handler struct {
	s       *shared
	json    slog.Handler // nil in text mode
	attrs   []slog.Attr  // text mode: the attributes added by WithAttrs, keys qualified
	group   string       // "a.b." for WithGroup("a").WithGroup("b")
	article string       // the ArticleKey attribute added by WithAttrs
}

type shared struct {
	mu      sync.Mutex
	w       io.Writer
	opts    Options
	tallies map[string]*tally
	order   []string // messages in the order first seen
}

// A tally is how often a message was logged, and about which articles.
type tally struct {
	level    slog.Level
	n        int
	articles map[string]bool
}

// New returns a Handler writing to w.
func New(w io.Writer, opts Options) *Handler {
	if opts.Level == nil {
		opts.Level = slog.LevelInfo
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	h := &Handler{s: &shared{w: w, opts: opts, tallies: map[string]*tally{}}}
	if opts.JSON {
		h.json = slog.NewJSONHandler(w, &slog.HandlerOptions{Level: opts.Level})
	}
	return h
}

// Enabled reports whether records of level are printed.
func (h *Handler) Enabled(_ context.Context, level slog.Level) bool {
	return level >= h.s.opts.Level.Level()
}

// Handle prints r unless it repeats an earlier message and the handler is
// not verbose, and counts it either way.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	article := h.article
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == ArticleKey && h.group == "" {
			article = a.Value.String()
		}
		return true
	})
	s := h.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if isWarning(r.Level) {
		key := h.group + r.Message
		t := s.tallies[key]
		if t == nil {
			t = &tally{level: r.Level, articles: map[string]bool{}}
			s.tallies[key] = t
			s.order = append(s.order, key)
		}
		t.n++
		if article != "" {
			t.articles[article] = true
		}
		if t.n > 1 && !s.opts.Verbose {
			return nil
		}
	}
	return h.write(ctx, r)
}

// isWarning reports whether records of level are counted: errors are
// each printed, and lower levels are printed only with -v, which lists
// everything.
func isWarning(level slog.Level) bool {
	return level >= slog.LevelWarn && level < slog.LevelError
}

// write prints r; the caller holds s.mu.
func (h *Handler) write(ctx context.Context, r slog.Record) error {
	s := h.s
	if h.json != nil {
		return h.json.Handle(ctx, r)
	}
	var b strings.Builder
	b.WriteString(h.prefix(r.Level))
	b.WriteString(r.Message)
	sep := ": "
	write := func(a slog.Attr, qualifier string) {
		a.Value = a.Value.Resolve()
		if a.Equal(slog.Attr{}) {
			return
		}
		if a.Value.Kind() == slog.KindGroup {
			for _, g := range a.Value.Group() {
				g.Key = a.Key + "." + g.Key
				writeAttr(&b, &sep, qualifier, g)
			}
			return
		}
		writeAttr(&b, &sep, qualifier, a)
	}
	for _, a := range h.attrs {
		write(a, "")
	}
	r.Attrs(func(a slog.Attr) bool {
		write(a, h.group)
		return true
	})
	b.WriteByte('\n')
	_, err := io.WriteString(s.w, b.String())
	return err
}

func writeAttr(b *strings.Builder, sep *string, qualifier string, a slog.Attr) {
	b.WriteString(*sep)
	*sep = " "
	b.WriteString(qualifier)
	b.WriteString(a.Key)
	b.WriteByte('=')
	b.WriteString(quote(a.Value.String()))
}

// quote returns s as it is when it is one printable word, else quoted
// with Go escapes: a file name cannot move the cursor, ring the bell or
// turn the rest of the line right to left.
func quote(s string) string {
	if s == "" || !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	for _, r := range s {
		if r == '"' || r == '=' || r == '\\' || unicode.IsSpace(r) || !strconv.IsPrint(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

func (h *Handler) prefix(level slog.Level) string {
	p := h.s.opts.Prefix + ": "
	switch {
	case level >= slog.LevelError:
		return p + "error: "
	case level >= slog.LevelWarn:
		return p + "warning: "
	case level >= slog.LevelInfo:
		return p
	default:
		return p + "debug: "
	}
}

// WithAttrs returns a handler that adds attrs to every record.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	h2 := *h
	if h.json != nil {
		h2.json = h.json.WithAttrs(attrs)
	}
	h2.attrs = append([]slog.Attr(nil), h.attrs...)
	for _, a := range attrs {
		if a.Key == ArticleKey && h.group == "" {
			h2.article = a.Value.String()
		}
		a.Key = h.group + a.Key
		h2.attrs = append(h2.attrs, a)
	}
	return &h2
}

// WithGroup returns a handler that qualifies the keys of later attributes
// with name.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	h2 := *h
	if h.json != nil {
		h2.json = h.json.WithGroup(name)
	}
	h2.group = h.group + name + "."
	return &h2
}

// Summary prints one line for each message logged more than once: how
// many times, and in how many articles when the records named them.
func (h *Handler) Summary(ctx context.Context) {
	s := h.s
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, key := range s.order {
		t := s.tallies[key]
		if t.n < 2 || !h.Enabled(ctx, t.level) {
			continue
		}
		if h.json != nil {
			r := slog.NewRecord(s.opts.Now(), t.level, key, 0)
			r.AddAttrs(slog.Int("times", t.n))
			if len(t.articles) > 0 {
				r.AddAttrs(slog.Int("articles", len(t.articles)))
			}
			r.AddAttrs(slog.Bool("summary", true))
			// The root handler: the summary is of the whole run.
			slog.NewJSONHandler(s.w, &slog.HandlerOptions{Level: s.opts.Level}).Handle(ctx, r)
			continue
		}
		line := fmt.Sprintf("%s%s: %d times", h.prefix(t.level), key, t.n)
		if n := len(t.articles); n > 0 {
			line += fmt.Sprintf(" in %d %s", n, plural(n, "article", "articles"))
		}
		if !s.opts.Verbose {
			line += "; -v lists them"
		}
		io.WriteString(s.w, line+"\n")
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Writer returns the writer for the lines the command prints itself, in
// dossier's text format ("dossier: warning: …"). In text mode that is the
// handler's writer; in JSON mode each line becomes a record: "error: " and
// "warning: " set its level, and "hint: " marks an INFO record with
// hint=true. These lines are never deduplicated: each belongs to its input.
func (h *Handler) Writer() io.Writer {
	if h.json == nil {
		return h.s.w
	}
	return &lineWriter{h: h}
}

type lineWriter struct {
	h       *Handler
	mu      sync.Mutex
	pending []byte // a line not yet ended
}

func (lw *lineWriter) Write(p []byte) (int, error) {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	lw.pending = append(lw.pending, p...)
	for {
		i := bytes.IndexByte(lw.pending, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := string(lw.pending[:i])
		lw.pending = lw.pending[i+1:]
		if err := lw.h.line(line); err != nil {
			return len(p), err
		}
	}
}

// Print writes a record the command prints itself, such as a run's
// figures, whatever the level: in JSON mode with attrs as fields, in text
// mode as "msg: key=value …". It is never deduplicated.
func (h *Handler) Print(level slog.Level, msg string, attrs ...slog.Attr) error {
	r := slog.NewRecord(h.s.opts.Now(), level, msg, 0)
	r.AddAttrs(attrs...)
	h.s.mu.Lock()
	defer h.s.mu.Unlock()
	return h.write(context.Background(), r)
}

func (h *Handler) line(line string) error {
	line = strings.TrimPrefix(line, h.s.opts.Prefix+": ")
	level, hint := slog.LevelInfo, false
	for _, k := range []struct {
		word  string
		level slog.Level
	}{{"error: ", slog.LevelError}, {"warning: ", slog.LevelWarn}, {"hint: ", slog.LevelInfo}, {"debug: ", slog.LevelDebug}} {
		if rest, ok := strings.CutPrefix(line, k.word); ok {
			line, level, hint = rest, k.level, k.word == "hint: "
			break
		}
	}
	r := slog.NewRecord(h.s.opts.Now(), level, line, 0)
	if hint {
		r.AddAttrs(slog.Bool("hint", true))
	}
	h.s.mu.Lock()
	defer h.s.mu.Unlock()
	return h.write(context.Background(), r)
}
