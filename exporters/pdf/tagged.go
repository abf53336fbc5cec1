package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
)

// errLayout means fpdf's output is not laid out as writeTagged expects;
// it would be a change in fpdf, not in the input.
var errLayout = errors.New("unexpected pdf layout")

var (
	startXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	xrefHead  = regexp.MustCompile(`^xref\s+0 (\d+)\s+`)
	trailerRe = regexp.MustCompile(`trailer\s*<<([\s\S]*?)>>\s*startxref`)
	rootRe    = regexp.MustCompile(`/Root (\d+) 0 R`)
	infoRe    = regexp.MustCompile(`/Info (\d+) 0 R`)
	pagesRe   = regexp.MustCompile(`/Pages (\d+) 0 R`)
	kidsRe    = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	refRe     = regexp.MustCompile(`(\d+) 0 R`)
)

// writeTagged writes raw, a PDF as fpdf wrote it, to w with the structure
// tree s: the catalog gains /MarkInfo and /StructTreeRoot, each page
// /StructParents (its key in the parent tree) and /Tabs /S, and the tree's
// objects are appended. Every other object is copied byte for byte and
// the cross-reference table is written anew, so the file has one
// revision, as fpdf's own.
//
// fpdf writes a classic cross-reference table, uncompressed page and
// catalog dictionaries and no object streams; anything else is refused
// with errLayout rather than patched blindly.
func writeTagged(w io.Writer, raw []byte, s *structure) error {
	m := startXref.FindSubmatch(raw)
	if m == nil {
		return fmt.Errorf("%w: no startxref", errLayout)
	}
	xrefOff, _ := strconv.Atoi(string(m[1]))
	if xrefOff <= 0 || xrefOff >= len(raw) {
		return fmt.Errorf("%w: startxref %d out of range", errLayout, xrefOff)
	}
	h := xrefHead.FindSubmatchIndex(raw[xrefOff:])
	if h == nil {
		return fmt.Errorf("%w: no cross-reference table at %d", errLayout, xrefOff)
	}
	size, _ := strconv.Atoi(string(raw[xrefOff+h[2] : xrefOff+h[3]]))
	entries := raw[xrefOff+h[1]:]
	if size < 2 || len(entries) < 20*size {
		return fmt.Errorf("%w: cross-reference table of %d entries", errLayout, size)
	}
	offsets := make([]int, size) // by object number; 0 is the free head
	for n := 1; n < size; n++ {
		e := entries[20*n : 20*n+20]
		if e[17] != 'n' {
			return fmt.Errorf("%w: object %d is not in use", errLayout, n)
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off <= 0 || off >= xrefOff {
			return fmt.Errorf("%w: object %d at %q", errLayout, n, e[:10])
		}
		offsets[n] = off
	}
	tm := trailerRe.FindSubmatch(raw[xrefOff:])
	if tm == nil || bytes.Contains(tm[1], []byte("/Encrypt")) || bytes.Contains(tm[1], []byte("/Prev")) {
		return fmt.Errorf("%w: trailer", errLayout)
	}
	rm, im := rootRe.FindSubmatch(tm[1]), infoRe.FindSubmatch(tm[1])
	if rm == nil || im == nil {
		return fmt.Errorf("%w: trailer without /Root or /Info", errLayout)
	}
	root, _ := strconv.Atoi(string(rm[1]))
	info, _ := strconv.Atoi(string(im[1]))

	// Objects are contiguous: each runs to the next one's offset, the
	// last to the table.
	order := make([]int, 0, size-1)
	for n := 1; n < size; n++ {
		order = append(order, n)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	body := make([][]byte, size)
	for i, n := range order {
		end := xrefOff
		if i+1 < len(order) {
			end = offsets[order[i+1]]
		}
		body[n] = raw[offsets[n]:end]
	}
	if root <= 0 || root >= size || info <= 0 || info >= size {
		return fmt.Errorf("%w: /Root %d or /Info %d out of range", errLayout, root, info)
	}
	pm := pagesRe.FindSubmatch(body[root])
	if pm == nil {
		return fmt.Errorf("%w: catalog without /Pages", errLayout)
	}
	pagesObj, _ := strconv.Atoi(string(pm[1]))
	if pagesObj <= 0 || pagesObj >= size {
		return fmt.Errorf("%w: /Pages %d out of range", errLayout, pagesObj)
	}
	km := kidsRe.FindSubmatch(body[pagesObj])
	if km == nil {
		return fmt.Errorf("%w: page tree without /Kids", errLayout)
	}
	var pages []int // object number of each page, first page first
	for _, r := range refRe.FindAllSubmatch(km[1], -1) {
		n, _ := strconv.Atoi(string(r[1]))
		if n <= 0 || n >= size {
			return fmt.Errorf("%w: page object %d out of range", errLayout, n)
		}
		pages = append(pages, n)
	}

	// Number the tree's objects after fpdf's: the tree root, the parent
	// tree, then the elements in document order.
	treeRoot, parentTree := size, size+1
	next := size + 2
	num := map[*structElem]int{}
	var walk func(e *structElem)
	var elems []*structElem
	walk = func(e *structElem) {
		if !hasContent(e) {
			return
		}
		num[e] = next
		next++
		elems = append(elems, e)
		for _, k := range e.kids {
			if k.elem != nil {
				walk(k.elem)
			}
		}
	}
	walk(s.root)

	pageRef := func(p int) string { return strconv.Itoa(pages[p-1]) + " 0 R" }
	var out bytes.Buffer
	newOffsets := make([]int, next)
	out.Write(raw[:offsets[order[0]]])
	for _, n := range order {
		newOffsets[n] = out.Len()
		b := body[n]
		switch {
		case n == root:
			b = insertAfter(b, "/Type /Catalog\n", fmt.Sprintf(
				"/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n/ViewerPreferences <</DisplayDocTitle true>>\n", treeRoot))
		case slices.Contains(pages, n):
			i := slices.Index(pages, n)
			b = insertAfter(b, "<</Type /Page\n", fmt.Sprintf("/StructParents %d\n/Tabs /S\n", i))
		}
		if b == nil {
			return fmt.Errorf("%w: object %d has no dictionary to extend", errLayout, n)
		}
		out.Write(b)
	}
	obj := func(n int, dict string) {
		newOffsets[n] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", n, dict)
	}

	k := "[]"
	if num[s.root] != 0 {
		k = fmt.Sprintf("[%d 0 R]", num[s.root])
	}
	obj(treeRoot, fmt.Sprintf("<</Type /StructTreeRoot /K %s /ParentTree %d 0 R /ParentTreeNextKey %d>>", k, parentTree, len(pages)))
	var nums bytes.Buffer
	nums.WriteString("<</Nums [")
	for i := range pages {
		fmt.Fprintf(&nums, "\n%d [", i)
		for j, e := range s.marks[i+1] {
			if j > 0 {
				nums.WriteByte(' ')
			}
			fmt.Fprintf(&nums, "%d 0 R", num[e])
		}
		nums.WriteByte(']')
	}
	nums.WriteString("\n]>>")
	obj(parentTree, nums.String())

	for _, e := range elems {
		parent := treeRoot
		if e.parent != nil {
			parent = num[e.parent]
		}
		var d bytes.Buffer
		fmt.Fprintf(&d, "<</Type /StructElem /S /%s /P %d 0 R", e.typ, parent)
		pg := 0
		for _, k := range e.kids {
			if k.elem == nil {
				pg = k.page
				break
			}
		}
		if pg > 0 {
			d.WriteString(" /Pg " + pageRef(pg))
		}
		inherited := ""
		if e.parent != nil {
			inherited = langOf(e.parent)
		} else {
			inherited = s.docLang
		}
		if e.lang != "" && !sameLang(e.lang, inherited) {
			if l := pdfLang(e.lang); l != "" {
				d.WriteString(" /Lang " + l)
			}
		}
		d.WriteString(" /K [")
		first := true
		for _, k := range e.kids {
			var item string
			switch {
			case k.elem != nil && num[k.elem] != 0:
				item = strconv.Itoa(num[k.elem]) + " 0 R"
			case k.elem != nil:
				continue // an element nothing was drawn in
			case k.page == pg:
				item = strconv.Itoa(k.mcid)
			default:
				item = fmt.Sprintf("<</Type /MCR /Pg %s /MCID %d>>", pageRef(k.page), k.mcid)
			}
			if !first {
				d.WriteByte(' ')
			}
			first = false
			d.WriteString(item)
		}
		d.WriteString("]>>")
		obj(num[e], d.String())
	}

	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", next)
	for n := 1; n < next; n++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", newOffsets[n])
	}
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", next, root, info, xref)
	_, err := out.WriteTo(w)
	return err
}

// insertAfter returns b with add inserted after the first occurrence of
// at, or nil when at does not occur.
func insertAfter(b []byte, at, add string) []byte {
	i := bytes.Index(b, []byte(at))
	if i < 0 {
		return nil
	}
	i += len(at)
	out := make([]byte, 0, len(b)+len(add))
	out = append(out, b[:i]...)
	out = append(out, add...)
	return append(out, b[i:]...)
}

// hasContent reports whether anything was drawn in e or its descendants;
// empty elements are left out of the tree.
func hasContent(e *structElem) bool {
	for _, k := range e.kids {
		if k.elem == nil || hasContent(k.elem) {
			return true
		}
	}
	return false
}

// langOf is the language in effect for e.
func langOf(e *structElem) string {
	for ; e != nil; e = e.parent {
		if e.lang != "" {
			return e.lang
		}
	}
	return ""
}
