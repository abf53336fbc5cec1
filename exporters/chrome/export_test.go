package chrome

// Keys returns every message key, for tests outside the package.
func Keys() []string { return append([]string(nil), keys...) }

// SampleArgs returns arguments fitting key's verbs, n for the numbers.
func SampleArgs(key string, n int) []any { return argsFor(key, n) }
