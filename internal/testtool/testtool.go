// Package testtool finds the external programs some tests run (pdftotext,
// qpdf, xmllint, epubcheck…). A test that needs one calls Need or
// NeedEpubcheck: where the tool is missing the test is skipped, except in
// CI (CI=true), which installs every tool, so there a missing one fails
// the test rather than letting its checks pass unseen.
package testtool

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// EpubcheckJar is where Debian's epubcheck package installs the jar.
const EpubcheckJar = "/usr/share/java/epubcheck.jar"

// Need returns the path of the program name, looked up in PATH. When it
// is missing it skips the test, or fails it when CI is "true".
func Need(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		missing(t, name, err)
	}
	return path
}

// NeedEpubcheck returns the command line that runs epubcheck: java with
// Debian's epubcheck jar; the caller appends epubcheck's arguments. When
// java or the jar is missing it skips the test, or fails it when CI is
// "true".
func NeedEpubcheck(t testing.TB) []string {
	t.Helper()
	java, err := exec.LookPath("java")
	if err == nil {
		_, err = os.Stat(EpubcheckJar)
	}
	if err != nil {
		missing(t, "epubcheck (java and "+EpubcheckJar+")", err)
	}
	// -Xss: Debian's own launcher sets it, against a stack overflow in
	// epubcheck's validator; C1 only and the serial GC halve the CPU a
	// short-lived JVM burns.
	return []string{java, "-Xss1024k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", EpubcheckJar}
}

func missing(t testing.TB, name string, err error) {
	t.Helper()
	Require(t, false, "%s not installed: %v", name, err)
}

// Require skips the test with the message when ok is false — or fails it
// when CI is "true", where everything a test needs is installed. It is for
// needs other than a program in PATH: an installed language pair, the
// right to make a network namespace.
func Require(t testing.TB, ok bool, format string, args ...any) {
	t.Helper()
	if ok {
		return
	}
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (required in CI)", msg)
		return
	}
	t.Skip(msg)
}
