//go:build !unix

package main

import "time"

// cpuTime is not read here: speed reports wall time only.
func cpuTime() (time.Duration, bool) { return 0, false }
