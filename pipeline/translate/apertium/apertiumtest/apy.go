// Package apertiumtest starts a real Apertium APy server for tests, on
// loopback only.
//
// APy has no bind-address option: it listens on every interface. So
// StartAPy runs it in a network namespace of its own (CLONE_NEWNET, which
// needs root or CAP_SYS_ADMIN), where the only interface is lo, and
// forwards a port on 127.0.0.1 of the test's namespace to it: the test
// process enters the namespace (setns on a locked OS thread) to dial APy
// for each forwarded connection. Nothing APy opens can be reached from
// outside the machine, or even from the machine's other namespaces.
//
// CI needs the Debian packages apertium-apy and apertium-eng-spa (which
// brings apertium, lttoolbox and the eng-spa modes) and must run tests as
// root. Without them StartAPy skips the test, or fails it when CI=true.
package apertiumtest

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/dossier-news/dossier/internal/testtool"
)

// innerPort is APy's port inside its own namespace, where nothing else
// listens, so any fixed port is free.
const innerPort = 2737

// ModesDir returns the directory of installed Apertium modes:
// $APERTIUM_MODES, or /usr/share/apertium/modes.
func ModesDir() string {
	if d := os.Getenv("APERTIUM_MODES"); d != "" {
		return d
	}
	return "/usr/share/apertium/modes"
}

// Need skips the test when something it needs is missing, and fails it
// when the environment variable CI is "true", where everything must be
// there.
func Need(t testing.TB, ok bool, format string, args ...any) {
	t.Helper()
	testtool.Require(t, ok, format, args...)
}

// HavePair reports whether the mode for pair ("eng-spa") is installed.
func HavePair(pair string) bool {
	_, err := os.Stat(filepath.Join(ModesDir(), pair+".mode"))
	return err == nil
}

// StartAPy starts apertium-apy with the installed modes and returns its
// base URL on 127.0.0.1. The server and everything it started are stopped
// when the test ends.
func StartAPy(t testing.TB) string {
	t.Helper()
	apy := testtool.Need(t, "apertium-apy")
	Need(t, HavePair("eng-spa"), "Apertium eng-spa not installed in %s (Debian: apertium-eng-spa)", ModesDir())

	logPath := filepath.Join(t.TempDir(), "apy.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(apy, "-p", fmt.Sprint(innerPort), "-j", "1", ModesDir())
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags: syscall.CLONE_NEWNET, // only lo exists in here
		Setpgid:    true,                 // so its pipelines are stopped with it
		Pdeathsig:  syscall.SIGKILL,
	}
	// Pdeathsig fires when the thread that forked the child ends, not the
	// process: fork from a locked thread that lives until cleanup, or the
	// runtime retiring a thread would kill APy.
	started, release := make(chan error), make(chan struct{})
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		started <- cmd.Start()
		<-release
	}()
	if err := <-started; err != nil {
		close(release)
		logFile.Close()
		Need(t, false, "cannot start apertium-apy in a network namespace of its own (needs root or CAP_SYS_ADMIN): %v", err)
	}
	pid := cmd.Process.Pid
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		defer close(release)
		syscall.Kill(-pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			syscall.Kill(-pid, syscall.SIGKILL)
			<-exited
		}
		logFile.Close()
	})

	ns := &netns{path: fmt.Sprintf("/proc/%d/ns/net", pid)}
	if err := ns.do(bringLoopbackUp); err != nil {
		t.Fatalf("apertium-apy: bring up lo in its namespace: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fw := &forwarder{ln: ln, ns: ns, open: map[net.Conn]bool{}}
	t.Cleanup(fw.close)
	go fw.serve()

	url := "http://" + ln.Addr().String()
	if err := waitReady(url, exited, 60*time.Second); err != nil {
		logFile.Sync()
		b, _ := os.ReadFile(logPath)
		t.Fatalf("apertium-apy: %v\nlog:\n%s", err, tail(b, 2000))
	}
	return url
}

// waitReady polls /listPairs until APy answers with eng-spa.
func waitReady(url string, exited <-chan struct{}, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 2 * time.Second}
	var last error
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("exited while starting")
		default:
		}
		resp, err := client.Get(url + "/listPairs")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && bytes.Contains(b, []byte(`"eng"`)) {
				return nil
			}
			err = fmt.Errorf("/listPairs: HTTP %d: %s", resp.StatusCode, tail(b, 200))
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("not ready after %s: %v", timeout, last)
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// A forwarder copies every connection accepted on ln to APy inside its
// namespace.
type forwarder struct {
	ln   net.Listener
	ns   *netns
	mu   sync.Mutex
	open map[net.Conn]bool
	wg   sync.WaitGroup
}

func (f *forwarder) serve() {
	for {
		c, err := f.ln.Accept()
		if err != nil {
			return
		}
		f.track(c, true)
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			defer f.track(c, false)
			defer c.Close()
			var inner net.Conn
			err := f.ns.do(func() error {
				var err error
				inner, err = net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", innerPort), 5*time.Second)
				return err
			})
			if err != nil {
				return
			}
			f.track(inner, true)
			defer f.track(inner, false)
			defer inner.Close()
			done := make(chan struct{}, 2)
			go func() { io.Copy(inner, c); closeWrite(inner); done <- struct{}{} }()
			go func() { io.Copy(c, inner); closeWrite(c); done <- struct{}{} }()
			<-done
			<-done
		}()
	}
}

func (f *forwarder) track(c net.Conn, open bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if open {
		f.open[c] = true
	} else {
		delete(f.open, c)
	}
}

// close stops accepting and cuts the connections still open, such as a
// client's idle keep-alives.
func (f *forwarder) close() {
	f.ln.Close()
	f.mu.Lock()
	for c := range f.open {
		c.Close()
	}
	f.mu.Unlock()
	f.wg.Wait()
}

func closeWrite(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		tc.CloseWrite()
	}
}

// netns runs functions inside another network namespace. Sockets opened
// there stay there, and may then be used from any goroutine.
type netns struct{ path string }

// do runs f on an OS thread moved into the namespace. The thread is never
// handed back to the scheduler: the goroutine ends while still locked, so
// Go discards the thread instead of reusing it in the wrong namespace.
func (n *netns) do(f func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		fd, err := unix.Open(n.path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			errc <- fmt.Errorf("open %s: %w", n.path, err)
			return
		}
		defer unix.Close(fd)
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("setns %s: %w", n.path, err)
			return
		}
		errc <- f()
	}()
	return <-errc
}

// bringLoopbackUp sets lo up in the calling thread's namespace; a new
// namespace starts with it down.
func bringLoopbackUp() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return err
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return fmt.Errorf("get flags of lo: %w", err)
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP | unix.IFF_RUNNING)
	if err := unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr); err != nil {
		return fmt.Errorf("set lo up: %w", err)
	}
	return nil
}
