//go:build !unix

package cache

import "os"

// release closes bbolt's file when bbolt itself cannot be closed.
func release(f *os.File) error {
	if f == nil {
		return nil
	}
	return f.Close()
}
