// Package apertium is dossier's Apertium engine: rule-based machine
// translation, free and offline. It talks to an APy server when given a
// URL, and otherwise runs the apertium command on this machine with the
// installed modes, so no server has to be started by hand.
//
// Start with Backend. Segments travel as HTML paragraphs, one per segment,
// which Apertium treats as sentence breaks; protected names travel as
// stand-ins, names Apertium knows, so the grammar around them holds (see
// standIns), and other protected spans in <apertium-notrans>. Unknown-word marks are never shown (markUnknown=no,
// apertium -u), and any left are stripped.
package apertium

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-resty/resty/v2"
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline/translate"
)

// Name is the engine's registry name.
const Name = "apertium"

// Limits of one request. APy cuts its input into at most ten chunks of
// up to 1000 characters when busy (or half that at a punctuation break)
// and silently drops the rest while answering 200, so keep requests well
// under 5000 characters, markup included.
const (
	maxChars    = 2000
	maxBytes    = 4000
	maxSegments = 40
)

// Options lists the engine's settings.
var options = []translate.Option{
	{Name: "url", Env: "APERTIUM_URL", Help: "APy base URL, such as http://127.0.0.1:2737; empty runs the apertium command locally"},
	{Name: "command", Env: "APERTIUM_COMMAND", Default: "apertium", Help: "the apertium command, for local translation"},
	{Name: "datadir", Env: "APERTIUM_DATADIR", Help: "directory of installed modes for the local command (apertium -d); empty: its default"},
	{Name: "timeout", Env: "APERTIUM_TIMEOUT", Default: "60s", Help: "longest wait for one request"},
}

// Backend returns the Apertium engine as data, for a translate.Registry.
func Backend() translate.Backend {
	return translate.Backend{
		Name:    Name,
		Help:    "Apertium: an APy server at --engine-url, or the local apertium command",
		Options: append([]translate.Option(nil), options...),
		New:     New,
	}
}

// New returns an Apertium translator. With cfg.URL it uses hc (a fresh
// client when nil) to talk to APy; without, it runs the local command.
func New(cfg translate.Config, hc *resty.Client) (translate.Translator, error) {
	timeout := 60 * time.Second
	if v := cfg.Options["timeout"]; v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("%s: timeout %q: want a duration such as 30s", Name, v)
		}
		timeout = d
	}
	t := &Translator{
		url:     strings.TrimRight(cfg.URL, "/"),
		command: cfg.Options["command"],
		datadir: cfg.Options["datadir"],
		timeout: timeout,
		now:     time.Now,
	}
	if t.command == "" {
		t.command = "apertium"
	}
	if t.url != "" {
		if !strings.HasPrefix(t.url, "http://") && !strings.HasPrefix(t.url, "https://") {
			return nil, fmt.Errorf("%s: url %q: want http:// or https://", Name, cfg.URL)
		}
		if hc == nil {
			hc = resty.New()
		}
		// The stage retries; a client that retried too would hide
		// failures from its backoff and its rate limiter.
		t.hc = hc.SetRetryCount(0).SetDebug(false)
	}
	return t, nil
}

// Translator is a configured Apertium engine.
type Translator struct {
	url     string
	hc      *resty.Client
	command string
	datadir string
	timeout time.Duration
	now     func() time.Time
}

// Capabilities declares small requests and names protected by stand-ins.
func (t *Translator) Capabilities() translate.Capabilities {
	model := "apy"
	if t.url == "" {
		model = "local"
	}
	return translate.Capabilities{
		Engine:      Name,
		Model:       model,
		MaxSegments: maxSegments,
		MaxBytes:    maxBytes,
		MaxChars:    maxChars,
		Protect:     translate.ProtectStandIn,
		Concurrency: 2,
	}
}

// code returns Apertium's ISO 639-3 code for a tag: "eng" for en.
func code(tag language.Tag) string {
	base, _ := tag.Base()
	return base.ISO3()
}

// Translate sends segs as one document of paragraphs.
func (t *Translator) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	if len(segs) == 0 {
		return nil, nil
	}
	pair := code(from) + "-" + code(to)
	payload := encode(segs)
	var out string
	var err error
	if t.url != "" {
		out, err = t.viaAPy(ctx, code(from)+"|"+code(to), payload)
	} else {
		out, err = t.viaCommand(ctx, pair, payload)
	}
	if err != nil {
		return nil, err
	}
	return decode(out, segs)
}

// Stand-ins: names that Apertium's English and Spanish dictionaries know
// as proper nouns (np ant, np loc) and leave as they are, in every place
// a name stands, possessive included. A name sent in <apertium-notrans>
// counts as whitespace for Apertium's grammar: the next word comes out
// capitalised ("Montoya-Lewis Es un juez") and "Baku's Security Service"
// loses its "de". A word Apertium does not know is no better ("Zqx Es").
// With a known name in its place the sentence comes out as for any
// name ("El servicio de Seguridad Estatal de Madrid"), and the name is
// put back. Names whose Spanish conjunction changes before them (Igor,
// "e Igor") are left out, and so are places Spanish spells otherwise.
// Checked against the installed eng-spa pair by TestStandInsKept.
var (
	personStandIns = []string{"Xavi", "Boris", "Pablo", "Hugo", "Sergio", "Rafael", "Dario", "Oscar"}
	// Women's names, for a keep marked Female: adjectives and nouns that
	// agree with the name come out feminine ("Carmen fue elegida
	// presidenta").
	womanStandIns = []string{"Laura", "Sara", "Elena", "Carmen", "Marta", "Julia", "Paula", "Clara", "Silvia", "Alicia"}
	placeStandIns = []string{"Madrid", "Lima", "Caracas", "Toledo", "Cuba", "Chile", "Bolivia", "Venezuela", "Colombia", "Honduras", "Guatemala"}
)

// standIns picks a stand-in for each keep of seg, or "" for one sent in
// <apertium-notrans>: glossary terms, and names past the pools. A
// stand-in is never a word the segment has already.
func standIns(seg translate.Segment) []string {
	lower := strings.ToLower(seg.Text)
	used := map[string]bool{}
	out := make([]string, len(seg.Keep))
	for i, k := range seg.Keep {
		var pool []string
		switch k.Kind {
		case translate.KindPerson, "":
			pool = personStandIns
			if k.Female {
				pool = womanStandIns
			}
		case translate.KindPlace:
			pool = placeStandIns
		}
		for _, name := range pool {
			if !used[name] && !strings.Contains(lower, strings.ToLower(name)) {
				used[name] = true
				out[i] = name
				break
			}
		}
	}
	return out
}

// encode writes segments as HTML paragraphs, each name replaced by its
// stand-in or wrapped so that Apertium leaves it alone. Each paragraph
// carries its position as an id, which Apertium copies through, so that
// an answer shifted or reordered is caught rather than matched to the
// wrong segment.
func encode(segs []translate.Segment) string {
	var sb strings.Builder
	for i, s := range segs {
		fmt.Fprintf(&sb, `<p id="s%d">`, i)
		last := 0
		stand := standIns(s)
		for j, k := range s.Keep {
			if k.Start < last || k.End > len(s.Text) || k.Start >= k.End {
				continue
			}
			sb.WriteString(html.EscapeString(s.Text[last:k.Start]))
			if stand[j] != "" {
				sb.WriteString(stand[j])
				last = k.End
				continue
			}
			as := k.As
			if as == "" {
				as = s.Text[k.Start:k.End]
			}
			sb.WriteString("<apertium-notrans>")
			sb.WriteString(html.EscapeString(as))
			sb.WriteString("</apertium-notrans>")
			last = k.End
		}
		sb.WriteString(html.EscapeString(s.Text[last:]))
		sb.WriteString("</p>\n")
	}
	return sb.String()
}

// putBack replaces each stand-in of seg in a translation with the name it
// stood for. A stand-in the answer lost leaves its name missing, which
// the stage's checks catch.
func putBack(seg translate.Segment, text string) string {
	for j, name := range standIns(seg) {
		k := seg.Keep[j]
		if name == "" || k.Start < 0 || k.End > len(seg.Text) || k.Start >= k.End {
			continue
		}
		as := k.As
		if as == "" {
			as = seg.Text[k.Start:k.End]
		}
		if at := indexWord(text, name); at >= 0 {
			text = text[:at] + as + text[at+len(name):]
		} else if at := indexFold(text, name); at >= 0 {
			// Lowered, as after a slash in a URL ("pic.twitter.com/pablo").
			text = text[:at] + as + text[at+len(name):]
		} else if at := strings.Index(text, name); at >= 0 {
			// Apertium glues a name to an "N-year-old" next to it ("an
			// 8-year-old Xavi girl": "Xavide8años"): part them.
			before, _ := utf8.DecodeLastRuneInString(text[:at])
			after, _ := utf8.DecodeRuneInString(text[at+len(name):])
			if isWordRune(before) {
				as = " " + as
			}
			if isWordRune(after) {
				as += " "
			}
			text = text[:at] + as + text[at+len(name):]
		}
	}
	return text
}

// indexWord finds word in text standing alone, not inside a longer word.
func indexWord(text, word string) int {
	for from := 0; from <= len(text); {
		i := strings.Index(text[from:], word)
		if i < 0 {
			return -1
		}
		at, end := from+i, from+i+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(before) && !isWordRune(after) {
			return at
		}
		from = end
	}
	return -1
}

// indexFold is indexWord ignoring case; word is ASCII, as stand-ins are.
func indexFold(text, word string) int {
	for at := 0; at+len(word) <= len(text); at++ {
		if !strings.EqualFold(text[at:at+len(word)], word) {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[at+len(word):])
		if !isWordRune(before) && !isWordRune(after) {
			return at
		}
	}
	return -1
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

var (
	paragraph = regexp.MustCompile(`(?s)<p(?: id="s(\d+)")?>(.*?)</p>`)
	notrans   = regexp.MustCompile(`</?apertium-notrans>`)
	anyTag    = regexp.MustCompile(`<[^>]*>`)
	// Unknown (*), untranslatable (@) and ungenerated (#) word marks.
	mark   = regexp.MustCompile(`(^|[\s\p{P}])[*@#]([\p{L}\p{N}])`)
	spaces = regexp.MustCompile(`[ \t]{2,}`)
)

// decode reads the paragraphs back, one per segment. Fewer paragraphs, or
// a last one without its end tag, mean APy dropped the end of the input;
// a paragraph out of its place is an answer that does not match.
func decode(out string, segs []translate.Segment) ([]translate.Segment, error) {
	found := paragraph.FindAllStringSubmatch(out, -1)
	if len(found) != len(segs) {
		return nil, fmt.Errorf("%s: %d of %d paragraphs came back: %w", Name, len(found), len(segs), translate.ErrTruncated)
	}
	res := make([]translate.Segment, len(segs))
	for i, m := range found {
		if id := fmt.Sprint(i); m[1] != id {
			return nil, fmt.Errorf("%s: paragraph %d came back in place of %s: %w", Name, i, cmp.Or(m[1], "none"), translate.ErrBadAnswer)
		}
		text := notrans.ReplaceAllString(m[2], "")
		text = anyTag.ReplaceAllString(text, "")
		text = html.UnescapeString(text)
		text = stripMarks(segs[i].Text, text)
		text = putBack(segs[i], text)
		if !strings.Contains(segs[i].Text, "  ") {
			text = spaces.ReplaceAllString(text, " ")
		}
		res[i] = translate.Segment{Text: strings.TrimSpace(text)}
	}
	return res, nil
}

// stripMarks removes Apertium's word marks that the source did not have.
func stripMarks(source, out string) string {
	if !strings.ContainsAny(out, "*@#") {
		return out
	}
	return mark.ReplaceAllStringFunc(out, func(m string) string {
		// m is a boundary, the mark and one letter.
		idx := strings.IndexAny(m, "*@#")
		if strings.Contains(source, m[idx:]) {
			return m
		}
		return m[:idx] + m[idx+1:]
	})
}

// apyResponse is APy's answer to /translate, or its error document.
type apyResponse struct {
	ResponseData struct {
		TranslatedText *string `json:"translatedText"`
	} `json:"responseData"`
	ResponseStatus int    `json:"responseStatus"`
	Status         string `json:"status"`
	Code           int    `json:"code"`
	Message        string `json:"message"`
	Explanation    string `json:"explanation"`
}

func (t *Translator) viaAPy(ctx context.Context, langpair, payload string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	resp, err := t.hc.R().
		SetContext(ctx).
		SetFormData(map[string]string{
			"langpair":    langpair,
			"q":           payload,
			"markUnknown": "no",
			"deformat":    "html",
			"reformat":    "html", // keep entities, so text cannot pass for markup
		}).
		Post(t.url + "/translate")
	if err != nil {
		return "", translate.TransportError(ctx, Name, err)
	}
	var body apyResponse
	jsonErr := json.Unmarshal(resp.Body(), &body)
	status := resp.StatusCode()
	if status == 200 {
		if jsonErr != nil {
			// A 200 whose body does not parse was cut off on the way.
			return "", fmt.Errorf("%s: unreadable answer: %w: %w", Name, translate.ErrRetry, jsonErr)
		}
		if body.ResponseData.TranslatedText == nil {
			return "", fmt.Errorf("%s: answer without responseData.translatedText: %s: %w", Name, excerpt(resp.Body()), translate.ErrBadAnswer)
		}
		return *body.ResponseData.TranslatedText, nil
	}
	msg := body.Explanation
	if msg == "" {
		msg = body.Message
	}
	if jsonErr != nil {
		msg = strings.TrimSpace(string(resp.Body()))
	}
	class := translate.StatusClass(status)
	switch {
	case status == 400 && strings.Contains(strings.ToLower(msg), "pair"):
		class = translate.ErrUnsupportedPair
	case class == nil:
		class = errors.New("request refused")
	}
	return "", translate.HTTPError(Name, class, status, msg, resp.Header(), t.now())
}

func (t *Translator) viaCommand(ctx context.Context, pair, payload string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	args := []string{"-u", "-f", "html"}
	if t.datadir != "" {
		args = append(args, "-d", t.datadir)
	}
	args = append(args, pair)
	cmd := exec.CommandContext(ctx, t.command, args...)
	cmd.Stdin = strings.NewReader(payload)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err == nil {
		return stdout.String(), nil
	}
	msg := strings.TrimSpace(stderr.String())
	var ee *exec.Error
	switch {
	case ctx.Err() != nil:
		return "", fmt.Errorf("%s %s: %w: %w", Name, pair, translate.ErrRetry, ctx.Err())
	case errors.As(err, &ee), errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission):
		return "", fmt.Errorf("%s: %w: %w (install Apertium or pass --engine-url for an APy server)", Name, translate.ErrFatal, err)
	case strings.Contains(msg, "does not exist") || strings.Contains(msg, "Mode"):
		return "", fmt.Errorf("%s: no %s pair installed: %w", Name, pair, translate.ErrUnsupportedPair)
	}
	return "", fmt.Errorf("%s %s: %v: %s: %w", Name, pair, err, firstLine(msg), translate.ErrRetry)
}

// excerpt is the start of a body, for an error message.
func excerpt(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 120 {
		s = strings.ToValidUTF8(s[:120], "") + "…"
	}
	return s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// PairSource names where the pairs come from, so the stage can remember a
// listing per APy server, or per local installation.
func (t *Translator) PairSource() string {
	if t.url != "" {
		return t.url
	}
	return "command:" + t.command + " " + t.datadir
}

// Pairs lists the directions APy, or the local installation, offers.
func (t *Translator) Pairs(ctx context.Context) ([]translate.Pair, error) {
	if t.url == "" {
		args := []string{"-l"}
		if t.datadir != "" {
			args = []string{"-d", t.datadir, "-l"}
		}
		out, err := exec.CommandContext(ctx, t.command, args...).Output()
		if err != nil {
			return nil, fmt.Errorf("%s: %s -l: %w", Name, t.command, err)
		}
		var pairs []translate.Pair
		for _, line := range strings.Fields(string(out)) {
			from, to, ok := strings.Cut(line, "-")
			if p, ok2 := pairOf(from, to); ok && ok2 {
				pairs = append(pairs, p)
			}
		}
		return pairs, nil
	}
	resp, err := t.hc.R().SetContext(ctx).Get(t.url + "/listPairs")
	if err != nil {
		return nil, translate.TransportError(ctx, Name, err)
	}
	if resp.StatusCode() != 200 {
		return nil, translate.HTTPError(Name, translate.StatusClass(resp.StatusCode()), resp.StatusCode(), "", resp.Header(), t.now())
	}
	var body struct {
		ResponseData []struct {
			SourceLanguage string `json:"sourceLanguage"`
			TargetLanguage string `json:"targetLanguage"`
		} `json:"responseData"`
	}
	if err := json.Unmarshal(resp.Body(), &body); err != nil {
		return nil, fmt.Errorf("%s: /listPairs: %w", Name, err)
	}
	var pairs []translate.Pair
	for _, p := range body.ResponseData {
		if pr, ok := pairOf(p.SourceLanguage, p.TargetLanguage); ok {
			pairs = append(pairs, pr)
		}
	}
	return pairs, nil
}

// pairOf converts Apertium codes to BCP 47; variants such as eng_US are
// skipped.
func pairOf(from, to string) (translate.Pair, bool) {
	if strings.ContainsAny(from+to, "_@.") {
		return translate.Pair{}, false
	}
	f, err1 := language.ParseBase(from)
	g, err2 := language.ParseBase(to)
	if err1 != nil || err2 != nil {
		return translate.Pair{}, false
	}
	return translate.Pair{From: f.String(), To: g.String()}, true
}

// Check reports whether Apertium answers and offers at least one pair.
func (t *Translator) Check(ctx context.Context) error {
	pairs, err := t.Pairs(ctx)
	if err != nil {
		return err
	}
	if len(pairs) == 0 {
		return fmt.Errorf("%s: no language pairs installed", Name)
	}
	return nil
}

var _ translate.PairSource = (*Translator)(nil)

// StandIns lists the names this engine sends in place of protected ones.
func StandIns() []string {
	return slices.Concat(personStandIns, womanStandIns, placeStandIns)
}
