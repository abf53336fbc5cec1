//go:build !linux

package cache

import "fmt"

func fill2Full(string) int {
	fmt.Println("error: fill needs RLIMIT_FSIZE (linux)")
	return 1
}
