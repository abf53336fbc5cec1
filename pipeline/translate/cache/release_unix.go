//go:build unix

package cache

import (
	"errors"
	"os"
	"syscall"
)

// release unlocks and closes bbolt's file when bbolt itself cannot be
// closed. The unlock is explicit because bbolt's memory map, which only
// bbolt can unmap, keeps the open file and so its lock alive after Close.
func release(f *os.File) error {
	if f == nil {
		return nil
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return f.Close()
}

// isWriteErrno reports whether err says the file system refused a write.
func isWriteErrno(err error) bool {
	for _, e := range []error{syscall.EROFS, syscall.ENOSPC, syscall.EDQUOT, syscall.EFBIG, syscall.EIO} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
