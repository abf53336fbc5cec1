//go:build !unix

package cache

import (
	"errors"
	"os"
	"syscall"
)

// release closes bbolt's file when bbolt itself cannot be closed.
func release(f *os.File) error {
	if f == nil {
		return nil
	}
	return f.Close()
}

// isWriteErrno reports whether err says the file system refused a write.
func isWriteErrno(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.ENOSPC)
}
