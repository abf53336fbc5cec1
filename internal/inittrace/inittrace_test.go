// Package inittrace checks that dossier's own packages do no heavy work
// at start-up: every command, even `dossier names key X`, pays for every
// package's initialisation before it does anything, so tables, models,
// catalogs and regular expressions beyond a few are built on first use
// (sync.Once, sync.OnceValue) instead.
//
// The test reads the runtime's own account (GODEBUG=inittrace=1) and
// bounds what it can measure exactly, bytes and allocations, per package;
// time would be flaky on a shared machine, so it is logged, not asserted.
package inittrace

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/dossier-news/dossier"

// The limits are far above what the packages do today (the largest,
// pipeline/clean, allocates 0.34 MB in 2,000 allocations) and far below
// what heavy work costs: go-dateparser's tables take 78 MB in 336,000
// allocations.
const (
	maxBytes      = 1 << 20 // per package
	maxAllocs     = 10_000  // per package
	maxTotalBytes = 2 << 20 // all of dossier's packages
)

var initLine = regexp.MustCompile(`^init (\S+) @\S+ ms, ([0-9.]+) ms clock, ([0-9]+) bytes, ([0-9]+) allocs$`)

func TestOwnPackagesInitLight(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the dossier command")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build dossier with")
	}
	bin := filepath.Join(t.TempDir(), "dossier")
	build := exec.Command(goBin, "build", "-o", bin, module+"/cmd/dossier")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "names", "key", "X")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dossier names key X: %v\n%s", err, stderr.String())
	}

	var own int
	var totalBytes int
	var ownClock, allClock float64
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		m := initLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		clock, _ := strconv.ParseFloat(m[2], 64)
		bytes, _ := strconv.Atoi(m[3])
		allocs, _ := strconv.Atoi(m[4])
		allClock += clock
		if m[1] != module && !strings.HasPrefix(m[1], module+"/") {
			continue
		}
		own++
		ownClock += clock
		totalBytes += bytes
		if bytes > maxBytes || allocs > maxAllocs {
			t.Errorf("%s: init allocates %d bytes in %d allocations (limit %d, %d): build it on first use", m[1], bytes, allocs, maxBytes, maxAllocs)
		}
	}
	if own == 0 {
		t.Fatalf("no init line for %s in GODEBUG=inittrace=1 output:\n%.2000s", module, stderr.String())
	}
	if totalBytes > maxTotalBytes {
		t.Errorf("dossier's %d packages allocate %d bytes at init, limit %d", own, totalBytes, maxTotalBytes)
	}
	t.Logf("%d own packages: %.2f ms, %d bytes at init; all packages %.1f ms", own, ownClock, totalBytes, allClock)
}
