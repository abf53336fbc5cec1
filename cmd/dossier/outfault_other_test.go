//go:build !linux

package main

// mountTestTmpfs mounts nothing: the full-folder test runs on Linux.
func mountTestTmpfs() (after func()) { return func() {} }
