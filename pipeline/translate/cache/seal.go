package cache

// Seal returns the stored form of payload under key: the checksum this
// package's file keeps in front of every value (see the package doc,
// Format), then payload. Other stores of translations, such as pgcache's
// table on PostgreSQL, keep values in this same form, so that an entry
// reads the same wherever it is kept and is checked the same way.
func Seal(key string, payload []byte) []byte { return seal([]byte(key), payload) }

// Unseal returns the payload of v, a value Seal made under key, and
// whether its checksum matches key and payload. A value that does not
// match must not be served.
func Unseal(key string, v []byte) ([]byte, bool) { return open([]byte(key), v) }
