package main

import (
	"cmp"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/pipeline/translate"
)

func (e *env) enginesCommand() *cli.Command {
	return &cli.Command{
		Name:  "engines",
		Usage: "list the translation engines, their settings and, with --check, whether each answers",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "check", Usage: "ask each engine whether it is reachable, and which languages it offers"},
			&cli.StringFlag{Name: "engine", Usage: "only this `ENGINE`"},
			&cli.StringFlag{Name: "engine-url", Usage: "endpoint `URL` for --engine"},
			&cli.StringFlag{Name: "model", Usage: "model for --engine"},
			&cli.StringFlag{Name: "profile", EnvVars: []string{"DOSSIER_PROFILE"}, Usage: "check the engine of profile `NAME`"},
			&cli.StringFlag{Name: "config", EnvVars: []string{"DOSSIER_CONFIG"}, Usage: "config `FILE` with engine profiles"},
			&cli.IntFlag{Name: "concurrency", Hidden: true},
			&cli.Float64Flag{Name: "rate", Hidden: true},
		},
		Action: e.engines,
	}
}

func (e *env) engines(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef("engines takes no arguments, got %q", c.Args().First())
	}
	reg := newEngineRegistry()
	backends := reg.Backends()
	chosen := c.String("engine") != "" || c.String("profile") != ""
	if chosen {
		// Listing needs no key: only --check configures the engine.
		eng, err := e.resolveEngine(c, true)
		if err != nil {
			return err
		}
		backends = []translate.Backend{eng.Backend}
	}
	// The exit code answers for the engine a translation would use: the
	// one asked for, else the default. The others are checked only when
	// the user configured them, and their state is news, not a failure.
	primary := func(b translate.Backend) bool {
		return chosen || b.Name == cmp.Or(e.getenv("DOSSIER_ENGINE"), reg.Default())
	}
	unreachable := 0
	var unconfigured []string
	for _, b := range backends {
		fmt.Fprintf(e.stdout, "%s\t%s\n", b.Name, b.Help)
		for _, o := range b.Options {
			fmt.Fprintln(e.stdout, "  "+translate.OptionHelp(o))
		}
		if !c.Bool("check") {
			continue
		}
		st := e.checkEngine(c, b, primary(b))
		switch {
		case !primary(b):
		case st.State == translate.EngineUnreachable:
			unreachable++
		case st.State == translate.EngineNotConfigured:
			unconfigured = append(unconfigured, b.Name)
		}
		fmt.Fprintf(e.stdout, "  status: %s\n", st.Text)
	}
	switch {
	case unreachable > 0:
		return fmt.Errorf("%d %s unreachable", unreachable, plural(unreachable, "engine", "engines"))
	case len(unconfigured) > 0:
		return withHint(fmt.Errorf("%s: not configured", unconfigured[0]), "'dossier engines' lists each engine's settings and environment variables")
	}
	return nil
}

// checkEngine checks b: with the flags and profile when b is the one
// asked for, else with its environment alone.
func (e *env) checkEngine(c *cli.Context, b translate.Backend, primary bool) translate.Status {
	eng := translate.Engine{Backend: b}
	if c.String("engine") == b.Name || c.String("profile") != "" {
		var err error
		if eng, err = e.resolveEngine(c, false); err != nil {
			return translate.Status{State: translate.EngineNotConfigured, Text: "not configured (" + err.Error() + ")"}
		}
	}
	return eng.Check(c.Context, e.getenv, translate.NewHTTPClient(), primary)
}
