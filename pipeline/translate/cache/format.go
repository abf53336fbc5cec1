package cache

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"

	bolt "go.etcd.io/bbolt"
)

// checksumSize is the length of the checksum before each stored value.
const checksumSize = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errFormat is wrapped when the file is a cache of a newer dossier: it is
// readable, so it is not moved aside.
var errFormat = errors.New("cache format not known to this dossier")

// checksum returns the CRC-32C of key's length (a uvarint), key and
// payload.
func checksum(key, payload []byte) uint32 {
	// The length goes in byte by byte, as crc32.Update would take it: a
	// buffer for it would escape to the heap on every Get.
	c := uint32(0)
	n := uint64(len(key))
	for ; n >= 0x80; n >>= 7 {
		c = crcByte(c, byte(n)|0x80)
	}
	c = crcByte(c, byte(n))
	c = crc32.Update(c, castagnoli, key)
	return crc32.Update(c, castagnoli, payload)
}

// crcByte is crc32.Update(c, castagnoli, []byte{b}).
func crcByte(c uint32, b byte) uint32 {
	c = ^c
	return ^(castagnoli[byte(c)^b] ^ c>>8)
}

// seal returns the stored form of payload under key.
func seal(key, payload []byte) []byte {
	v := make([]byte, checksumSize+len(payload))
	binary.BigEndian.PutUint32(v, checksum(key, payload))
	copy(v[checksumSize:], payload)
	return v
}

// open returns the payload of stored value v under key, and whether its
// checksum matches.
func open(key, v []byte) ([]byte, bool) {
	if len(v) < checksumSize {
		return nil, false
	}
	payload := v[checksumSize:]
	return payload, binary.BigEndian.Uint32(v) == checksum(key, payload)
}

// check makes sure the file just opened can be used: its size covers
// its pages, every page reachable lies inside the file, bbolt's structure
// check passes, and its format is known (a format 1 file is migrated, a
// new one initialised). info is the file as opened.
//
// The checks come first: a write to a damaged tree could spread the damage.
func (s *Store) check(info fs.FileInfo) error {
	var size int64
	err := guard(func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			size = tx.Size()
			return nil
		})
	})
	if err != nil {
		return err
	}
	if info != nil && size > info.Size() {
		// Pages past the end would fault when read.
		return fmt.Errorf("file of %d bytes is shorter than its %d bytes of pages: truncated", info.Size(), size)
	}
	err = guard(func() error {
		return s.db.View(func(tx *bolt.Tx) error {
			if err := walkPages(s.file, tx); err != nil {
				return err
			}
			var errs []error
			for err := range tx.Check() {
				if len(errs) < 3 {
					errs = append(errs, err)
				}
			}
			if len(errs) > 0 {
				return fmt.Errorf("bbolt check: %w", errors.Join(errs...))
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	return guard(s.prepare)
}

// prepare brings the file to the current format: a new file gets its
// buckets, format 1 entries are migrated, a format 2 file is marked
// format 3.
func (s *Store) prepare() error {
	var (
		known   bool
		pending bool
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		if m := tx.Bucket([]byte(metaBucket)); m != nil {
			f := m.Get([]byte(formatKey))
			if string(f) != format && string(f) != format2 {
				return fmt.Errorf("%w: format %q (this dossier writes %s): use a newer dossier or set DOSSIER_CACHE_DIR to another folder", errFormat, f, format)
			}
			known = string(f) == format && tx.Bucket([]byte(entryBucket)) != nil
		}
		pending = tx.Bucket([]byte(legacyBucket)) != nil
		return nil
	})
	if err != nil || known && !pending {
		return err
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		m, err := tx.CreateBucketIfNotExists([]byte(metaBucket))
		if err != nil {
			return err
		}
		if err := m.Put([]byte(formatKey), []byte(format)); err != nil {
			return err
		}
		entries, err := tx.CreateBucketIfNotExists([]byte(entryBucket))
		if err != nil {
			return err
		}
		old := tx.Bucket([]byte(legacyBucket))
		if old == nil {
			return nil
		}
		err = old.ForEach(func(k, v []byte) error {
			if !json.Valid(v) {
				s.dropped++
				return nil
			}
			if entries.Get(k) != nil {
				return nil // a format 2 value, with its checksum, wins
			}
			s.migrated++
			return entries.Put(k, seal(k, v))
		})
		if err != nil {
			return err
		}
		return tx.DeleteBucket([]byte(legacyBucket))
	})
	if err != nil {
		s.migrated, s.dropped = 0, 0
		var pe panicError
		// A key where a bucket should be is another program's bbolt
		// file, unreadable as a cache, not a failed write.
		if !errors.As(err, &pe) && !errors.Is(err, bolt.ErrIncompatibleValue) {
			err = fmt.Errorf("%w: %w", ErrWrite, err)
		}
	}
	return err
}
