package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/dossier-news/dossier/internal/testtool"
)

func TestMain(m *testing.M) {
	// The test binary is dossier itself, signals and all, for the tests
	// that run it as a process (signal_test.go).
	if os.Getenv(asDossierEnv) == "1" {
		after := mountTestTmpfs()
		code := runMain(os.Args, os.Stdin, os.Stdout, os.Stderr)
		after()
		os.Exit(code)
	}
	testscript.Main(m, map[string]func(){
		"dossier": func() { os.Exit(runMain(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// asDossierEnv set to 1 makes the test binary run as dossier.
const asDossierEnv = "DOSSIER_TEST_AS_DOSSIER"

// TestScripts runs the CLI end to end: testdata/script/*.txtar. The sample
// articles are copied into each script's work folder as articles/.
func TestScripts(t *testing.T) {
	samples, err := filepath.Abs("../../testdata/articles")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:       "testdata/script",
		Condition: toolCondition,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "1669420800")
			env.Setenv("DOSSIER_CACHE_DIR", filepath.Join(env.WorkDir, ".cache"))
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".config"))
			dst := filepath.Join(env.WorkDir, "articles")
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return err
			}
			files, err := filepath.Glob(filepath.Join(samples, "*"))
			if err != nil {
				return err
			}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), b, 0o644); err != nil {
					return err
				}
			}
			return nil
		},
	})
}

// toolCondition answers [tool:NAME]: whether the checking tool NAME is
// here. Under CI=true it is always true, since CI installs every tool: a
// missing one must fail the script, not skip its checks.
func toolCondition(cond string) (bool, error) {
	name, ok := strings.CutPrefix(cond, "tool:")
	if !ok {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	if os.Getenv("CI") == "true" {
		return true, nil
	}
	if name == "epubcheck" {
		if _, err := os.Stat(testtool.EpubcheckJar); err != nil {
			return false, nil
		}
		name = "java"
	}
	_, err := exec.LookPath(name)
	return err == nil, nil
}

// TestExitCodes checks the documented exit codes over run itself.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Politics\n\nA Headline About Baku Talks\n\nNovember 22, 2022\n\nThe talks in Baku ended on Tuesday with a joint statement from both delegations.\n\nDiplomats said the next round would be held in Tbilisi early next year.\n"), 0o644)
	bin := filepath.Join(dir, "scan.bin")
	os.WriteFile(bin, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"all good", []string{"clean", good}, exitOK},
		{"one bad input", []string{"clean", good, bin}, exitPartial},
		{"missing input", []string{"clean", filepath.Join(dir, "nope.txt")}, exitPartial},
		{"no input", []string{"clean"}, exitUsage},
		{"unknown flag", []string{"clean", "--nope", good}, exitUsage},
		{"bad format", []string{"clean", "--format", "docx", good}, exitUsage},
		{"brief without out", []string{"brief", good}, exitUsage},
		{"brief bad format", []string{"brief", "--out", dir, "--format", "docx", good}, exitUsage},
		{"brief good", []string{"brief", "--out", filepath.Join(dir, "out"), "--format", "txt", good}, exitOK},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"help", []string{"--help"}, exitOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			got := run(context.Background(), append([]string{"dossier"}, tc.args...), strings.NewReader(""), &stdout, &stderr)
			if got != tc.want {
				t.Errorf("exit %d, want %d\nstderr: %s", got, tc.want, stderr.String())
			}
		})
	}
}
