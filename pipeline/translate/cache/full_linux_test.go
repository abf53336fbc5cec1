package cache

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// fullLimit is the largest file the "fill" helper may write: a disk that
// is full once the cache reaches it.
const fullLimit = 256 << 10

func fullValue(key string) []byte {
	return []byte(fmt.Sprintf(`{"t":%q}`, key+strings.Repeat(" translated", 300)))
}

// fill2Full plays a dossier whose disk fills up: with RLIMIT_FSIZE, a
// write past fullLimit fails (EFBIG; Go ignores SIGXFSZ) as one on a full
// disk does (ENOSPC), and bbolt cannot tell them apart. Four goroutines
// put entries until each gets an error; the helper prints "ok KEY" for
// every Put that returned nil and "err IS-ErrWrite MESSAGE" for each
// error.
func fill2Full(dir string) int {
	// Open first, so that the limit is met by Puts, not by creating the
	// file.
	s, err := Open(dir, 0)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: fullLimit, Max: fullLimit}); err != nil {
		fmt.Println("error", err)
		return 1
	}
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				key := fmt.Sprintf("g%d-%04d", g, i)
				err := s.Put(key, fullValue(key))
				mu.Lock()
				if err != nil {
					fmt.Println("err", errors.Is(err, ErrWrite), err)
				} else {
					fmt.Println("ok", key)
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := s.Close(); err != nil {
		fmt.Println("error closing", err)
		return 1
	}
	return 0
}

// TestDiskFull: when the disk fills under the cache, every Put that
// cannot reach the disk returns an error wrapping ErrWrite that names the
// file and the cause; every Put that returned nil is in the file, which
// opens afterwards as it was.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	cmd, _, out := startHelper(t, "fill", dir)
	var acked []string
	errs := 0
	for out.Scan() {
		line := out.Text()
		switch f := strings.SplitN(line, " ", 3); f[0] {
		case "ok":
			acked = append(acked, f[1])
		case "err":
			errs++
			if errs == 1 {
				t.Log(f[2])
			}
			if isWrite, _ := strconv.ParseBool(f[1]); !isWrite {
				t.Errorf("Put error does not wrap ErrWrite: %s", f[2])
			}
			if !strings.Contains(f[2], path) || !strings.Contains(f[2], "file too large") {
				t.Errorf("Put error = %q, want the file and the cause", f[2])
			}
		default:
			t.Errorf("helper: %s", line)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	if errs != 4 || len(acked) == 0 {
		t.Fatalf("%d Puts succeeded and %d failed; want some, then one failure per goroutine", len(acked), errs)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() > fullLimit {
		t.Fatalf("cache file: %v, %d bytes; want at most %d", err, fi.Size(), fullLimit)
	}

	s, o, err := openReporting(t, dir)
	if err != nil || len(o.moved) > 0 {
		t.Fatalf("reopen = %v, moved %v; want the file as it was", err, o.moved)
	}
	for _, k := range acked {
		if v, err := s.Get(k); err != nil || !bytes.Equal(v, fullValue(k)) {
			t.Fatalf("Get(%s), acknowledged before the disk filled = %.40q, %v", k, v, err)
		}
	}
	if n, _ := s.Len(); n != len(acked) {
		t.Errorf("Len = %d, want the %d acknowledged", n, len(acked))
	}
	t.Logf("%d entries written, then %d failures", len(acked), errs)
}
