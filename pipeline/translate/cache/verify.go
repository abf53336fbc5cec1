package cache

import (
	"encoding/binary"
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"
)

// bbolt's page layout (internal/common/page.go), in native byte order: a
// 16-byte header (id uint64, flags uint16, count uint16, overflow
// uint32), then count elements of 16 bytes, each locating its key (and
// value) relative to the element's own offset.
const (
	pageHeaderSize = 16
	elementSize    = 16
	branchPage     = 0x01
	leafPage       = 0x02
	bucketLeaf     = 0x01 // a leaf element whose value is a bucket
	inBucketSize   = 16   // a bucket value: root pgid, sequence
	maxDepth       = 64   // far beyond any real tree
)

// A pageWalker reads the tree of pages reachable from a root through the
// file, not the memory map, and checks that every page and element lies
// inside the file: bbolt trusts these offsets and faults on a bad one,
// and Tx.Check reads them in a goroutine of its own, where the fault
// cannot be recovered.
type pageWalker struct {
	r        io.ReaderAt
	pageSize uint64
	hwm      uint64 // pages in use
	seen     map[uint64]bool
	free     [][]byte // page buffers not in use, one per level of the tree
}

// buf returns a buffer of n bytes; release gives it back.
func (w *pageWalker) buf(n uint64) []byte {
	if k := len(w.free); k > 0 {
		b := w.free[k-1]
		w.free = w.free[:k-1]
		return b[:n]
	}
	return make([]byte, n)
}

// walkPages checks the tree of db's root bucket as of tx.
func walkPages(r io.ReaderAt, tx *bolt.Tx) error {
	w := &pageWalker{
		r:        r,
		pageSize: uint64(tx.DB().Info().PageSize),
		seen:     map[uint64]bool{},
	}
	w.hwm = uint64(tx.Size()) / w.pageSize
	return w.page(uint64(tx.Cursor().Bucket().Root()), 0)
}

func (w *pageWalker) page(id uint64, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("page %d: tree deeper than %d", id, maxDepth)
	}
	if id < 2 || id >= w.hwm {
		return fmt.Errorf("page %d: out of range [2, %d)", id, w.hwm)
	}
	if w.seen[id] {
		return fmt.Errorf("page %d: reachable twice", id)
	}
	w.seen[id] = true
	// One read for the page as it usually is: one page, no overflow. The
	// buffer is the walker's, reused once the page is checked.
	p := w.buf(w.pageSize)
	if _, err := w.r.ReadAt(p, int64(id*w.pageSize)); err != nil {
		return fmt.Errorf("page %d: %w", id, err)
	}
	if got := binary.NativeEndian.Uint64(p); got != id {
		return fmt.Errorf("page %d: header says page %d", id, got)
	}
	overflow := uint64(binary.NativeEndian.Uint32(p[12:]))
	if overflow >= w.hwm-id {
		return fmt.Errorf("page %d: %d overflow pages run past the end", id, overflow)
	}
	if overflow > 0 {
		p = make([]byte, (overflow+1)*w.pageSize)
		if _, err := w.r.ReadAt(p, int64(id*w.pageSize)); err != nil {
			return fmt.Errorf("page %d: %w", id, err)
		}
	}
	for i := uint64(1); i <= overflow; i++ {
		w.seen[id+i] = true
	}
	err := w.elements(id, p, depth)
	if overflow == 0 {
		w.free = append(w.free, p)
	}
	return err
}

// elements checks the elements of page p (a page of the file, or a bucket
// inlined in a value).
func (w *pageWalker) elements(id uint64, p []byte, depth int) error {
	flags := binary.NativeEndian.Uint16(p[8:])
	count := int(binary.NativeEndian.Uint16(p[10:]))
	if pageHeaderSize+count*elementSize > len(p) {
		return fmt.Errorf("page %d: %d elements overrun the page", id, count)
	}
	for i := range count {
		off := pageHeaderSize + i*elementSize
		e := p[off : off+elementSize]
		switch flags {
		case branchPage:
			pos, ksize := uint64(binary.NativeEndian.Uint32(e)), uint64(binary.NativeEndian.Uint32(e[4:]))
			if uint64(off)+pos+ksize > uint64(len(p)) {
				return fmt.Errorf("page %d: element %d overruns the page", id, i)
			}
			if err := w.page(binary.NativeEndian.Uint64(e[8:]), depth+1); err != nil {
				return err
			}
		case leafPage:
			eflags := binary.NativeEndian.Uint32(e)
			pos, ksize, vsize := uint64(binary.NativeEndian.Uint32(e[4:])), uint64(binary.NativeEndian.Uint32(e[8:])), uint64(binary.NativeEndian.Uint32(e[12:]))
			end := uint64(off) + pos + ksize + vsize
			if end > uint64(len(p)) {
				return fmt.Errorf("page %d: element %d overruns the page", id, i)
			}
			if eflags&bucketLeaf == 0 {
				continue
			}
			v := p[end-vsize : end]
			if len(v) < inBucketSize {
				return fmt.Errorf("page %d: element %d: bucket of %d bytes", id, i, len(v))
			}
			if root := binary.NativeEndian.Uint64(v); root != 0 {
				if err := w.page(root, depth+1); err != nil {
					return err
				}
				continue
			}
			// An inline bucket: its page follows the header in the value.
			inline := v[inBucketSize:]
			if len(inline) < pageHeaderSize {
				return fmt.Errorf("page %d: element %d: inline bucket of %d bytes", id, i, len(inline))
			}
			if f := binary.NativeEndian.Uint16(inline[8:]); f != leafPage {
				return fmt.Errorf("page %d: element %d: inline bucket is not a leaf page", id, i)
			}
			if err := w.elements(id, inline, depth+1); err != nil {
				return err
			}
		default:
			return fmt.Errorf("page %d: type %#x where a branch or leaf page should be", id, flags)
		}
	}
	if count == 0 && flags != leafPage && flags != branchPage {
		return fmt.Errorf("page %d: type %#x where a branch or leaf page should be", id, flags)
	}
	return nil
}
