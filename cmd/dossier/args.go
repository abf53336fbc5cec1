package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// flagsFirst reorders a command line so that every flag comes before the
// positional arguments of its command: urfave/cli stops reading flags at
// the first positional, yet 'dossier brief articles --out x' is how people
// type. Global flags given after the command move before it. Which flags
// take a value is read from the flag definitions; "--x=v" is one
// argument, "-" alone is standard input (a positional), and "--" ends the
// flags. A value flag with no value after it ends the line, with
// positionals dropped, so that cli reports the missing value rather than
// take a positional for it. args[0] is the program name.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) == 0 {
		return args
	}
	global := flagSet(app.Flags)
	globalArgs, rest := takeFlags(global, args[1:])
	if len(rest) == 0 || rest[0] == "--" {
		return args
	}
	nGlobal := len(globalArgs)
	out := append([]string{args[0]}, globalArgs...)
	cmds := app.Commands
	for len(rest) > 0 {
		cmd := findCommand(cmds, rest[0])
		if cmd == nil {
			// Not a command (or an unknown one): cli reports it.
			return append(out, rest...)
		}
		out = append(out, rest[0])
		own := flagSet(cmd.Flags)
		if len(cmd.Subcommands) > 0 {
			lead, after := takeFlags(own, rest[1:])
			if len(after) > 0 && findCommand(cmd.Subcommands, after[0]) != nil {
				out = append(out, lead...)
				cmds, rest = cmd.Subcommands, after
				continue
			}
		}
		var cmdArgs, positional []string
		i := 1
		for i < len(rest) {
			a := rest[i]
			if a == "--" {
				break
			}
			n := flagWidth(own, a)
			if n == 0 {
				if g := flagWidth(global, a); g > 0 {
					if i+g > len(rest) {
						// A global flag without its value: alone at the
						// end of the global flags, for cli to report.
						return append(out[:1+nGlobal:1+nGlobal], a)
					}
					out = insertBefore(out, 1+nGlobal, rest[i:i+g]...)
					nGlobal += g
					i += g
					continue
				}
				if isFlag(a) {
					n = 1 // unknown: let cli say so
				}
			}
			if n == 0 {
				positional = append(positional, a)
				i++
				continue
			}
			if i+n > len(rest) {
				// The value is missing: end the line with the flag alone,
				// so that cli says it needs an argument instead of taking
				// a positional for its value.
				out = append(out, cmdArgs...)
				return append(out, a)
			}
			cmdArgs = append(cmdArgs, rest[i:i+n]...)
			i += n
		}
		out = append(out, cmdArgs...)
		if i < len(rest) {
			// "--" and what follows stay positional, after the others.
			out = append(out, "--")
			out = append(out, positional...)
			return append(out, rest[i+1:]...)
		}
		return append(out, positional...)
	}
	return out
}

// takeFlags splits the leading flags (with their values) from the rest.
func takeFlags(flags map[string]bool, args []string) (taken, rest []string) {
	i := 0
	for i < len(args) {
		n := flagWidth(flags, args[i])
		if n == 0 && isFlag(args[i]) {
			n = 1
		}
		if n == 0 {
			break
		}
		i = min(i+n, len(args))
	}
	return args[:i], args[i:]
}

func insertBefore(s []string, at int, v ...string) []string {
	out := make([]string, 0, len(s)+len(v))
	out = append(out, s[:at]...)
	out = append(out, v...)
	return append(out, s[at:]...)
}

// isFlag reports whether a looks like a flag: "-" alone is standard input.
func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' && a != "--" }

// flagSet maps each flag name to whether it takes a value.
func flagSet(flags []cli.Flag) map[string]bool {
	set := map[string]bool{"help": false, "h": false}
	for _, f := range flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			set[n] = !isBool
		}
	}
	return set
}

// flagWidth returns how many arguments the flag a spans in flags: 0 when a
// is not one of them, 1 for a bool flag or "--x=v", 2 for "--x v".
func flagWidth(flags map[string]bool, a string) int {
	if !isFlag(a) {
		return 0
	}
	name := strings.TrimLeft(a, "-")
	if k, _, ok := strings.Cut(name, "="); ok {
		if _, known := flags[k]; known {
			return 1
		}
		return 0
	}
	takesValue, known := flags[name]
	switch {
	case !known:
		return 0
	case takesValue:
		return 2
	default:
		return 1
	}
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}
