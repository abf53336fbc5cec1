package cache

import "time"

// DefaultLockWait is how long a program that translates waits for another
// to release the cache (Options.LockWait): long enough for a batch to
// finish.
const DefaultLockWait = 2 * time.Minute
