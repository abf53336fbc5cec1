package translate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
)

// This file resolves an engine's settings the way rclone resolves a
// remote's: from the backend's Options, as data. A setting comes from a
// flag, else the profile, else the option's environment variable, else
// its default; flags, environment names and profile keys are all derived
// from the Option, so a new engine needs no code here.

// A ConfigFile is the engine configuration a team shares: named profiles,
// one of them the default. Keys belong in the environment variable a
// profile's KeyEnv names, never in the file.
type ConfigFile struct {
	Profile  string             `json:"profile,omitempty"` // used when no profile is asked for
	Profiles map[string]Profile `json:"profiles"`
}

// A Profile is one engine setup.
type Profile struct {
	Engine      string  `json:"engine"`
	URL         string  `json:"url,omitempty"`
	Model       string  `json:"model,omitempty"`
	Concurrency int     `json:"concurrency,omitempty"`
	Rate        float64 `json:"rate,omitempty"`
	// CharsPerMinute is the character quota of the account, such as a
	// paid Azure tier's.
	CharsPerMinute int               `json:"chars_per_minute,omitempty"`
	KeyEnv         string            `json:"key_env,omitempty"`
	Options        map[string]string `json:"options,omitempty"` // any other option, by name

	// Cache is a team's shared translation memory, a postgres:// URL, in
	// place of the cache file.
	Cache string `json:"cache,omitempty"`
}

// ConfigFileExample is the file's form in one line, for error hints.
const ConfigFileExample = `{"profile": "NAME", "profiles": {"NAME": {"engine": "apertium", "url": "…", "key_env": "VAR"}}}`

// ConfigPath returns where the config file is when none is named:
// dossier/config.json in $XDG_CONFIG_HOME or the user config folder; ""
// when there is no such folder.
func ConfigPath(getenv func(string) string) string {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		var err error
		if dir, err = os.UserConfigDir(); err != nil {
			return ""
		}
	}
	return filepath.Join(dir, "dossier", "config.json")
}

// ReadConfigFile reads the config file at path; a missing file is an
// empty config unless the user named it (explicit). Unknown fields are
// errors: a misspelt key would otherwise be ignored without a word.
func ReadConfigFile(path string, explicit bool) (ConfigFile, error) {
	if path == "" {
		return ConfigFile{}, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return ConfigFile{}, nil
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return ConfigFile{}, fmt.Errorf("config %s: %w", path, err)
	}
	var cfg ConfigFile
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return ConfigFile{}, &ConfigSyntaxError{Path: path, Err: err}
	}
	return cfg, nil
}

// A ConfigSyntaxError is a config file that is not the JSON ConfigFile
// reads.
type ConfigSyntaxError struct {
	Path string
	Err  error
}

func (e *ConfigSyntaxError) Error() string { return fmt.Sprintf("config %s: %v", e.Path, e.Err) }
func (e *ConfigSyntaxError) Unwrap() error { return e.Err }

// ErrUnknownProfile is wrapped by Resolve when the profile asked for is
// not in the config file.
var ErrUnknownProfile = errors.New("no such profile in the config file")

// A Request is what the user asked for; empty or nil fields were not
// given, and the profile, environment or defaults fill them.
type Request struct {
	Engine  string // the engine by name; overrides the profile's
	Default string // the engine when neither Engine nor a profile names one
	Profile string // the profile by name; the file's default when empty
	// Set holds settings given directly (by flag), by option name; see
	// OptionFlag for which have flags.
	Set            map[string]string
	Concurrency    *int
	Rate           *float64
	CharsPerMinute *int
}

// An Engine is a backend chosen for a request, with what the request and
// the profile set: flag > profile > environment > default. Configure
// reads the environment for the rest.
type Engine struct {
	Backend Backend
	// Set holds the settings from the request and the profile, by option
	// name: the environment and the defaults fill the others.
	Set map[string]string
	// Scheduling, from the request, else the profile; zero leaves the
	// engine's own.
	Concurrency    int
	Rate           float64
	CharsPerMinute int
}

// Configure builds the engine's Config: its settings, then the
// environment, then the defaults.
func (e Engine) Configure(getenv func(string) string) (Config, error) {
	return e.Backend.Configure(e.Set, getenv)
}

// New configures the engine (see Configure) and makes its translator,
// with an HTTP client from NewHTTPClient. It returns the Config too: its
// URL says where the engine was looked for.
func (e Engine) New(getenv func(string) string) (Translator, Config, error) {
	cfg, err := e.Configure(getenv)
	if err != nil {
		return nil, cfg, err
	}
	tr, err := e.Backend.New(cfg, NewHTTPClient())
	return tr, cfg, err
}

// An OptionError is a setting asked for that the engine does not have.
type OptionError struct {
	Engine, Option string
}

func (e *OptionError) Error() string {
	return fmt.Sprintf("engine %s has no %s setting", e.Engine, e.Option)
}

// Default returns the engine used when none is asked for: the first
// registered, "" for none.
func (r *Registry) Default() string {
	if len(r.backends) == 0 {
		return ""
	}
	return r.backends[0].Name
}

// Choose returns the engine the request or its profile names, and the
// profile when it is for that engine; it configures nothing, so it needs
// no key.
func (r *Registry) Choose(file ConfigFile, req Request) (Backend, Profile, error) {
	var prof Profile
	name := cmpOr(req.Profile, file.Profile)
	if name != "" {
		p, ok := file.Profiles[name]
		if !ok {
			have := make([]string, 0, len(file.Profiles))
			for n := range file.Profiles {
				have = append(have, n)
			}
			slices.Sort(have)
			return Backend{}, Profile{}, fmt.Errorf("%q: %w (have: %s)", name, ErrUnknownProfile, strings.Join(have, ", "))
		}
		prof = p
	}
	engine := cmpOr(req.Engine, prof.Engine, req.Default)
	b, err := r.Lookup(engine)
	if err != nil {
		return Backend{}, Profile{}, err
	}
	if prof.Engine != "" && prof.Engine != engine {
		prof = Profile{} // the profile was for another engine
	}
	return b, prof, nil
}

// Resolve chooses the engine (see Choose) and gathers its settings from
// the request and the profile. A profile's KeyEnv is read through getenv.
// A setting the engine lacks is an *OptionError.
func (r *Registry) Resolve(file ConfigFile, req Request, getenv func(string) string) (Engine, error) {
	b, prof, err := r.Choose(file, req)
	if err != nil {
		return Engine{}, err
	}
	e := Engine{Backend: b, Set: map[string]string{},
		Concurrency: prof.Concurrency, Rate: prof.Rate, CharsPerMinute: prof.CharsPerMinute}
	for k, v := range prof.Options {
		e.Set[k] = v
	}
	fromProfile := map[string]string{"url": prof.URL, "model": prof.Model}
	for _, name := range []string{"url", "model"} {
		v := cmpOr(req.Set[name], fromProfile[name])
		if v == "" {
			continue
		}
		if !b.HasOption(name) {
			return Engine{}, &OptionError{Engine: b.Name, Option: name}
		}
		e.Set[name] = v
	}
	for name, v := range req.Set {
		if _, done := fromProfile[name]; done || v == "" {
			continue
		}
		if !b.HasOption(name) {
			return Engine{}, &OptionError{Engine: b.Name, Option: name}
		}
		e.Set[name] = v
	}
	if prof.KeyEnv != "" && b.HasOption("key") {
		if v := getenv(prof.KeyEnv); v != "" {
			e.Set["key"] = v
		}
	}
	if req.Concurrency != nil {
		e.Concurrency = *req.Concurrency
	}
	if req.Rate != nil {
		e.Rate = *req.Rate
	}
	if req.CharsPerMinute != nil {
		e.CharsPerMinute = *req.CharsPerMinute
	}
	return e, nil
}

func cmpOr(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// Option returns b's setting called name.
func (b Backend) Option(name string) (Option, bool) {
	i := slices.IndexFunc(b.Options, func(o Option) bool { return o.Name == name })
	if i < 0 {
		return Option{}, false
	}
	return b.Options[i], true
}

// HasOption reports whether b has a setting called name.
func (b Backend) HasOption(name string) bool {
	_, ok := b.Option(name)
	return ok
}

// OptionFlag returns the command-line flag that sets an engine setting,
// without dashes, or "": every engine's endpoint and model have one. A
// key never has: a command line shows in ps and in shell history; keys
// and other settings come from the environment or a profile.
func OptionFlag(name string) string {
	switch name {
	case "url":
		return "engine-url"
	case "model":
		return "model"
	}
	return ""
}

// OptionHelp describes one setting and every way to set it, as 'dossier
// engines' lists it.
func OptionHelp(o Option) string {
	var ways []string
	if flag := OptionFlag(o.Name); flag != "" {
		ways = append(ways, "--"+flag)
	}
	if o.Env != "" {
		ways = append(ways, "$"+o.Env)
	}
	if o.Name == "key" {
		ways = append(ways, `profile "key_env"`)
	} else {
		ways = append(ways, fmt.Sprintf(`profile "options": {"%s": …}`, o.Name))
	}
	line := o.Name + "\t" + o.Help + " (set with " + strings.Join(ways, ", ") + ")"
	if o.Default != "" && !o.Secret {
		line += "; default " + o.Default
	}
	if o.Required {
		line += "; required"
	}
	return line
}

// NewHTTPClient returns the client engines talk through: no debug output
// and a silent logger, since requests carry keys in headers or URLs, and
// no retries of its own (the stage retries). A connection that cannot be
// made in a few seconds is a dead engine, which the stage stops for; a
// slow answer has Options.RequestTimeout.
func NewHTTPClient() *resty.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = 10 * time.Second
	return resty.New().SetTransport(tr).SetDebug(false).SetLogger(silentLogger{}).SetRetryCount(0)
}

type silentLogger struct{}

func (silentLogger) Errorf(string, ...any) {}
func (silentLogger) Warnf(string, ...any)  {}
func (silentLogger) Debugf(string, ...any) {}

// The states Check leaves an engine in.
const (
	EngineReachable CheckState = iota
	EngineUnreachable
	EngineNotConfigured
)

// A CheckState is whether an engine answered a check.
type CheckState int

// A Status is the outcome of checking one engine, in words.
type Status struct {
	State CheckState
	Text  string
}

// Check configures e (its settings, then the environment) and asks
// whether it answers. An engine is contacted only when it has its key, or
// at a URL the user gave, or a loopback one: an engine lacking a required
// key, or one whose key is optional and whose default host is public
// (openai), is reported not configured without a request.
//
// An engine other than the one a translation would use (primary false)
// is contacted only when the user gave its key or its URL: a server at a
// default address is not one the user said they run.
func (e Engine) Check(ctx context.Context, getenv func(string) string, hc *resty.Client, primary bool) Status {
	notConfigured := func(why string) Status { return Status{EngineNotConfigured, "not configured (" + why + ")"} }
	b := e.Backend
	for _, o := range b.Options {
		if o.Required && e.Set[o.Name] == "" && o.Default == "" && (o.Env == "" || getenv(o.Env) == "") {
			if o.Env == "" {
				return notConfigured("set " + o.Name)
			}
			return notConfigured("set $" + o.Env)
		}
	}
	cfg, err := e.Configure(getenv)
	if err != nil {
		return notConfigured(err.Error())
	}
	urlGiven := e.Set["url"] != ""
	if o, ok := b.Option("url"); ok && o.Env != "" && getenv(o.Env) != "" {
		urlGiven = true
	}
	if keyOpt, ok := b.Option("key"); ok && cfg.Key == "" && cfg.URL != "" && !urlGiven && !isLoopback(cfg.URL) {
		key := "no key"
		if keyOpt.Env != "" {
			key = "no $" + keyOpt.Env
		}
		return notConfigured(key + "; pass --" + OptionFlag("url") + " for a local server")
	}
	if !primary && cfg.Key == "" && !urlGiven {
		return notConfigured("no key or URL given; 'dossier engines --check --engine " + b.Name + "' tries its defaults")
	}
	tr, err := b.New(cfg, hc)
	if err != nil {
		return notConfigured(err.Error())
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if pl, ok := tr.(PairLister); ok {
		pairs, err := pl.Pairs(ctx)
		if err != nil {
			return Status{EngineUnreachable, "unreachable: " + err.Error()}
		}
		list := make([]string, len(pairs))
		for i, p := range pairs {
			list[i] = p.From + "→" + p.To
		}
		return Status{EngineReachable, "reachable; languages: " + strings.Join(list, ", ")}
	}
	if ch, ok := tr.(Checker); ok {
		if err := ch.Check(ctx); err != nil {
			return Status{EngineUnreachable, "unreachable: " + err.Error()}
		}
		return Status{EngineReachable, "reachable"}
	}
	return Status{EngineReachable, "configured (this engine cannot be checked without translating)"}
}

// isLoopback reports whether rawURL points at this machine.
func isLoopback(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
