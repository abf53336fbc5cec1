package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/dossier-news/dossier/pipeline/translate/apertium/apertiumtest"
)

// Issue 17: a read-only and a full output folder. Each case runs dossier
// as a process and asserts the exit code, the message, and that nothing
// is half-written: no temporary file left, and every file in the folder
// the same bytes an unhindered run writes.

// tmpfsEnv, set to "DIR:SIZE" in the environment of a dossier run as a
// process, mounts a tmpfs of SIZE bytes on DIR first: a disk that fills
// up. The process must have a mount namespace of its own.
const tmpfsEnv = "DOSSIER_TEST_TMPFS"

// mountTestTmpfs mounts the tmpfs tmpfsEnv asks for, if any, and
// returns what to do once dossier is done: copy what it left on the
// tmpfs, which goes with the process's namespace, to DIR.after.
func mountTestTmpfs() (after func()) {
	spec := os.Getenv(tmpfsEnv)
	if spec == "" {
		return func() {}
	}
	dir, size, _ := strings.Cut(spec, ":")
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		fmt.Fprintf(os.Stderr, "test: mount tmpfs on %s: %v\n", dir, err)
		os.Exit(99)
	}
	return func() {
		if err := os.CopyFS(dir+".after", os.DirFS(dir)); err != nil {
			fmt.Fprintf(os.Stderr, "test: copy %s: %v\n", dir, err)
			os.Exit(99)
		}
	}
}

// dossierProcess returns the test binary run as dossier in dir.
func dossierProcess(bin, dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asDossierEnv+"=1", "DOSSIER_CACHE_DIR="+filepath.Join(dir, ".cache"),
		"XDG_CONFIG_HOME="+filepath.Join(dir, ".config"), "SOURCE_DATE_EPOCH=1669420800", "HOME="+dir, "TMPDIR="+dir)
	return cmd
}

// exitCode runs cmd and returns its exit code and stderr.
func exitCode(t *testing.T, cmd *exec.Cmd) (int, string) {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stderr.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), stderr.String()
	}
	t.Fatalf("%s: %v", cmd.Path, err)
	return 0, ""
}

// faultArticles writes n articles of about 3 KB into a new folder and
// returns the folder and their names.
func faultArticles(t *testing.T, n int) (string, []string) {
	files := map[string]string{}
	var names []string
	places := []string{"Baku", "Tbilisi", "Yerevan", "Ganja", "Batumi", "Shusha"}
	for i := range n {
		name := fmt.Sprintf("%d.txt", i)
		body := longArticle("Talks In "+places[i%len(places)]+" End", places[i%len(places)])
		files[name] = body + body[strings.Index(body, "The talks"):]
		names = append(names, name)
	}
	return writeFiles(t, files), names
}

// sameOrAbsent fails t for a temporary file in dir, and for a file in dir
// whose bytes differ from the same file in want.
func sameOrAbsent(t *testing.T, dir, want string) []string {
	t.Helper()
	var names []string
	for _, name := range listDir(t, dir) {
		if strings.HasPrefix(name, ".") {
			t.Errorf("%s left in %s", name, dir)
			continue
		}
		got, _ := os.ReadFile(filepath.Join(dir, name))
		w, err := os.ReadFile(filepath.Join(want, name))
		if err != nil || !bytes.Equal(got, w) {
			t.Errorf("%s: %d bytes, not the %d an unhindered run writes (%v): half-written", name, len(got), len(w), err)
		}
		names = append(names, name)
	}
	return names
}

// TestFullOutputFolder: the output folder is a tmpfs that fills up during
// the export. dossier reports each file that did not fit with the cause
// and a hint, exits 1, and leaves only whole files behind.
func TestFullOutputFolder(t *testing.T) {
	if os.Geteuid() != 0 {
		apertiumtest.Need(t, false, "mounting a small tmpfs needs root (CI runs as root)")
	}
	dir, names := faultArticles(t, 6)
	args := append([]string{"brief", "--format", "txt,xhtml", "--out", "out"}, names...)
	// The files as an unhindered run writes them.
	if code, stderr := exitCode(t, dossierProcess(os.Args[0], dir, append(args[:len(args):len(args)], "--out", "whole")...)); code != exitOK {
		t.Fatalf("unhindered run: exit %d\n%s", code, stderr)
	}
	// 24 KiB: tmpfs takes a page of 4 KiB for each file, so a few of
	// the 12 article files fit and the rest find the disk full.
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := dossierProcess(os.Args[0], dir, args...)
	cmd.Env = append(cmd.Env, tmpfsEnv+"="+out+":24k")
	cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
	code, stderr := exitCode(t, cmd)
	if code == 99 || strings.Contains(stderr, "operation not permitted") {
		apertiumtest.Need(t, false, "cannot mount a tmpfs in a mount namespace of its own (needs CAP_SYS_ADMIN): %s", stderr)
	}
	if code != exitPartial {
		t.Errorf("exit %d, want %d\n%s", code, exitPartial, stderr)
	}
	full := regexp.MustCompile(`(?m)^dossier: error: \d\.txt: (txt|xhtml): write out/[a-z-]+\.(txt|xhtml): no space left on device$`)
	if !full.MatchString(stderr) {
		t.Errorf("stderr does not name an article, the format and the cause:\n%s", stderr)
	}
	if !strings.Contains(stderr, "dossier: hint: the disk is full") {
		t.Errorf("stderr has no hint for a full disk:\n%s", stderr)
	}
	if strings.Contains(stderr, "dossier: wrote") {
		t.Errorf("a failed export claims success:\n%s", stderr)
	}
	written := sameOrAbsent(t, out+".after", filepath.Join(dir, "whole"))
	if len(written) == 0 || len(written) >= len(listDir(t, filepath.Join(dir, "whole"))) {
		t.Errorf("wrote %q: want some files, not all", written)
	}
	t.Logf("wrote %q\n%s", written, stderr)
}

// TestReadOnlyOutputFolder runs dossier as user nobody (65534), whom file
// modes bind as they do not bind root, with an --out folder it may not
// write in, or inside one: a usage error, exit 2, before anything is read,
// with the folder named and a hint, and the folder as it was.
func TestReadOnlyOutputFolder(t *testing.T) {
	if os.Geteuid() != 0 {
		apertiumtest.Need(t, false, "running dossier as nobody needs root (CI runs as root)")
	}
	dir, names := faultArticles(t, 2)
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	// The test binary may sit where nobody cannot reach it: a copy.
	bin := filepath.Join(dir, "dossier.test")
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err == nil {
		_, err = io.Copy(dst, src)
		err = errors.Join(err, dst.Close())
	}
	src.Close()
	if err != nil {
		t.Fatal(err)
	}
	// ro holds an older briefing and only root may write in it.
	ro := filepath.Join(dir, "ro")
	old := []byte("an older briefing\n")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ro, "talks-in-baku-end.txt"), old, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, out string }{
		{"the folder", "ro"},
		{"a folder inside it", "ro/new"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := dossierProcess(bin, dir, append([]string{"brief", "--format", "txt", "--out", tc.out}, names...)...)
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			code, stderr := exitCode(t, cmd)
			if code != exitUsage {
				t.Errorf("exit %d, want %d\n%s", code, exitUsage, stderr)
			}
			want := "dossier: error: --out " + tc.out + ": " + ro + ": permission denied\ndossier: hint: choose a folder you can write to\n"
			if stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
			if got := listDir(t, ro); len(got) != 1 || got[0] != "talks-in-baku-end.txt" {
				t.Errorf("ro holds %q, want the older briefing alone", got)
			}
			if b, err := os.ReadFile(filepath.Join(ro, "talks-in-baku-end.txt")); err != nil || !bytes.Equal(b, old) {
				t.Errorf("the older briefing now reads %q, %v", b, err)
			}
		})
	}
}
