//go:build !linux

package cache

import "testing"

func asNobody(t *testing.T) { t.Skip("root writes read-only files") }
