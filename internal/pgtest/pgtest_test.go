package pgtest_test

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/dossier-news/dossier/internal/pgtest"
)

func TestStart(t *testing.T) {
	srv := pgtest.Start(t)
	dsn := srv.NewDatabase(t, "probe")
	psql, err := exec.LookPath("psql")
	if err != nil {
		matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/psql")
		if len(matches) == 0 {
			t.Skip("no psql")
		}
		psql = matches[0]
	}
	out, err := exec.Command(psql, "-X", "-At", "-d", dsn, "-c", "select current_database()").CombinedOutput()
	if err != nil || string(out) != "probe\n" {
		t.Fatalf("psql: %v: %q", err, out)
	}
}
