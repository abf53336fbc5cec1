package testtool

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records Skipf and Fatalf instead of
// stopping, so the test can see which one a lookup called.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
}

func TestNeed(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses a shell script as the fake tool")
	}
	bin := t.TempDir()
	fake := filepath.Join(bin, "faketool")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	tests := []struct {
		name, tool, ci      string
		wantPath            string
		wantSkip, wantFatal bool
	}{
		{name: "present", tool: "faketool", wantPath: fake},
		{name: "present in CI", tool: "faketool", ci: "true", wantPath: fake},
		{name: "missing skips", tool: "nosuchtool", wantSkip: true},
		{name: "missing fails in CI", tool: "nosuchtool", ci: "true", wantFatal: true},
		{name: "CI other than true skips", tool: "nosuchtool", ci: "1", wantSkip: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			r := &recorder{TB: t}
			got := Need(r, tt.tool)
			if !tt.wantSkip && !tt.wantFatal && got != tt.wantPath {
				t.Errorf("Need = %q, want %q", got, tt.wantPath)
			}
			if (r.skipped != "") != tt.wantSkip {
				t.Errorf("skipped = %q, want skip %v", r.skipped, tt.wantSkip)
			}
			if (r.failed != "") != tt.wantFatal {
				t.Errorf("failed = %q, want fatal %v", r.failed, tt.wantFatal)
			}
			if msg := r.skipped + r.failed; msg != "" && !strings.Contains(msg, tt.tool) {
				t.Errorf("message %q does not name %s", msg, tt.tool)
			}
		})
	}
}

func TestNeedEpubcheckWithoutJava(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		r := &recorder{TB: t}
		NeedEpubcheck(r)
		if ci == "true" && r.failed == "" {
			t.Errorf("CI=true: no failure without java")
		}
		if ci != "true" && r.skipped == "" {
			t.Errorf("CI=%q: no skip without java", ci)
		}
	}
}

// TestNeedEpubcheck runs the command line it returns, where epubcheck is
// installed.
func TestNeedEpubcheck(t *testing.T) {
	cmd := NeedEpubcheck(t)
	if cmd[len(cmd)-1] != EpubcheckJar || cmd[len(cmd)-2] != "-jar" {
		t.Fatalf("command %q does not end in -jar %s", cmd, EpubcheckJar)
	}
}
