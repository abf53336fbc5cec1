package cache

import (
	"encoding/binary"
	"hash/crc32"
	"strings"
	"testing"
)

// TestChecksumLengthPrefix: checksum is CRC-32C over the uvarint of the
// key's length, the key and the payload, as the package doc says.
func TestChecksumLengthPrefix(t *testing.T) {
	for _, n := range []int{0, 1, 127, 128, 300, 32768} {
		key := []byte(strings.Repeat("k", n))
		payload := []byte(`{"t":"x"}`)
		want := crc32.Checksum(append(append(binary.AppendUvarint(nil, uint64(n)), key...), payload...), castagnoli)
		if got := checksum(key, payload); got != want {
			t.Errorf("checksum with a key of %d bytes = %#x, want %#x", n, got, want)
		}
	}
}
