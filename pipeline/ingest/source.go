package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/go-resty/resty/v2"

	"github.com/dossier-news/dossier/pipeline"
)

// A Source is one input: a file, a URL, or standard input.
type Source struct {
	Name string // as the user knows it: the path, the URL, or StdinName
	kind sourceKind
}

// StdinName is the Name of the source "-" gives: what errors and a
// document's Meta.Source call standard input.
const StdinName = "standard input"

type sourceKind int

const (
	fromFile sourceKind = iota
	fromURL
	fromStdin
)

// IsURL reports whether the source is fetched over HTTP.
func (s Source) IsURL() bool { return s.kind == fromURL }

// articleExts are the files a directory contributes; named files are read
// whatever their name.
var articleExts = map[string]bool{".txt": true, ".text": true, ".html": true, ".htm": true, ".xhtml": true, ".json": true}

// ErrNotRegular is a file that is not a regular file: a named pipe, a
// socket or a device. Reading one may block forever or never end, so it
// is refused before it is opened.
var ErrNotRegular = errors.New("not a regular file")

// ErrOutsideTree is a symbolic link in an input folder that leads out of
// it; ExpandOptions.FollowSymlinks reads it anyway.
var ErrOutsideTree = errors.New("symbolic link leads outside the input folder")

// ExpandOptions changes how Expand walks folders.
type ExpandOptions struct {
	// FollowSymlinks reads links in input folders wherever they lead;
	// by default a link is read only when its target is inside the
	// folder named on the command line. A link named directly (or by a
	// glob) is always followed: the user chose it.
	FollowSymlinks bool
}

// Expand turns command-line arguments into sources with the default
// options; see ExpandWith.
func Expand(args []string) ([]Source, []error) {
	return ExpandWith(args, ExpandOptions{})
}

// ExpandWith turns command-line arguments into sources: files,
// directories (their article files, sorted, hidden ones skipped), globs,
// http(s) URLs, and "-" for standard input. An argument that yields
// nothing is an error of its own; the others still count. A file named
// twice, however spelt ("x.txt", "./x.txt", a link to it), is read once.
// Only regular files are sources: a named pipe, socket or device is an
// error wrapping ErrNotRegular, found without opening it.
func ExpandWith(args []string, opts ExpandOptions) ([]Source, []error) {
	var out []Source
	var errs []error
	seen := map[string]bool{}
	bySize := map[int64][]os.FileInfo{}
	add := func(s Source) {
		key := s.Name
		if s.kind == fromFile {
			key = filepath.Clean(s.Name)
		}
		if seen[key] {
			return
		}
		seen[key] = true
		if s.kind == fromFile {
			// The same file under another name: compare only with files
			// of its size, which keeps this cheap for large batches.
			if fi, err := os.Stat(s.Name); err == nil {
				for _, other := range bySize[fi.Size()] {
					if os.SameFile(fi, other) {
						return
					}
				}
				bySize[fi.Size()] = append(bySize[fi.Size()], fi)
			}
		}
		out = append(out, s)
	}
	for _, a := range args {
		switch {
		case a == "-":
			add(Source{Name: StdinName, kind: fromStdin})
		case strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://"):
			if u, err := url.Parse(a); err != nil || u.Host == "" {
				errs = append(errs, fmt.Errorf("%s: not a valid URL", a))
				continue
			}
			add(Source{Name: a, kind: fromURL})
		case strings.ContainsAny(a, "*?["):
			matches, err := filepath.Glob(a)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", a, err))
				continue
			}
			if len(matches) == 0 {
				errs = append(errs, fmt.Errorf("%s: no files match", a))
				continue
			}
			for _, m := range matches {
				if strings.HasPrefix(filepath.Base(m), ".") {
					continue // as a shell glob would
				}
				fi, err := os.Stat(m)
				switch {
				case err != nil || fi.IsDir():
				case !fi.Mode().IsRegular():
					errs = append(errs, fmt.Errorf("%s: %w", m, notRegular(fi.Mode())))
				default:
					add(Source{Name: m})
				}
			}
		default:
			fi, err := os.Stat(a)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", a, unwrapPathError(err)))
				continue
			}
			if !fi.IsDir() {
				if !fi.Mode().IsRegular() {
					errs = append(errs, fmt.Errorf("%s: %w", a, notRegular(fi.Mode())))
					continue
				}
				add(Source{Name: a})
				continue
			}
			files, ferrs, err := articleFiles(a, opts)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", a, err))
				continue
			}
			errs = append(errs, ferrs...)
			if len(files) == 0 && len(ferrs) == 0 {
				errs = append(errs, fmt.Errorf("%s: directory holds no article files (.txt, .html, .json)", a))
			}
			for _, f := range files {
				add(Source{Name: f})
			}
		}
	}
	return out, errs
}

// articleFiles lists the article files under dir. Special files and
// links out of the folder are errors of their own, named by path.
func articleFiles(dir string, opts ExpandOptions) ([]string, []error, error) {
	var files []string
	var errs []error
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, nil, unwrapPathError(err)
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !articleExts[strings.ToLower(filepath.Ext(name))] {
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
				return nil
			}
			if !opts.FollowSymlinks && !within(root, target) {
				errs = append(errs, fmt.Errorf("%s: %w (to %s)", p, ErrOutsideTree, target))
				return nil
			}
			fi, err := os.Stat(target)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", p, unwrapPathError(err)))
				return nil
			}
			if fi.IsDir() {
				return nil // WalkDir does not enter linked folders either
			}
			mode = fi.Mode()
		}
		if !mode.IsRegular() {
			errs = append(errs, fmt.Errorf("%s: %w", p, notRegular(mode)))
			return nil
		}
		files = append(files, p)
		return nil
	})
	sort.Strings(files)
	return files, errs, err
}

// within reports whether path is root or below it; both are resolved.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// notRegular names what kind of special file mode is.
func notRegular(mode fs.FileMode) error {
	kind := "special file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		kind = "socket"
	case mode&fs.ModeCharDevice != 0:
		kind = "character device"
	case mode&fs.ModeDevice != 0:
		kind = "device"
	case mode.IsDir():
		kind = "directory"
	}
	return fmt.Errorf("%s: %w", kind, ErrNotRegular)
}

// unwrapPathError drops the path an *fs.PathError repeats, since the
// caller names the input already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// read returns the raw bytes of src and, for URLs, the Content-Type.
func (in *Ingester) read(ctx context.Context, src Source) ([]byte, string, error) {
	limit := in.maxBytes()
	switch src.kind {
	case fromStdin:
		if in.Stdin == nil {
			return nil, "", errors.New("no standard input")
		}
		return readLimited(in.Stdin, limit)
	case fromURL:
		return in.fetch(ctx, src.Name, limit)
	default:
		f, err := openRegular(src.Name)
		if err != nil {
			return nil, "", err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil {
			// A file's size is known: one past the bound fails before a
			// byte is read, and one within it is read into one buffer
			// of its size, not a growing one.
			if fi.Size() > limit {
				return nil, "", fmt.Errorf("%d MiB, over %d MiB: %w", fi.Size()>>20, limit>>20, pipeline.ErrTooLarge)
			}
			return readSized(f, fi.Size(), limit)
		}
		return readLimited(f, limit)
	}
}

// openRegular opens name for reading only if it is a regular file. It
// looks before it opens, so a named pipe is never opened, and opens
// without blocking, so one that took the file's place in between cannot
// hang the run either; then it looks again at what it opened.
func openRegular(name string) (*os.File, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegular(fi.Mode())
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if fi, err = f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, unwrapPathError(err)
		}
		return nil, notRegular(fi.Mode())
	}
	return f, nil
}

// readSized reads r, expected to hold size bytes, into one buffer; a file
// that grew since is read on, up to limit.
func readSized(r io.Reader, size, limit int64) ([]byte, string, error) {
	b := make([]byte, size, size+1)
	n, err := io.ReadFull(r, b)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return b[:n], "", nil // it shrank
	case err != nil:
		return nil, "", unwrapPathError(err)
	}
	rest, _, err := readLimited(r, limit-size)
	if err != nil {
		return nil, "", fmt.Errorf("grew while read: %w", err)
	}
	if len(rest) == 0 {
		return b, "", nil
	}
	return append(b, rest...), "", nil
}

func readLimited(r io.Reader, limit int64) ([]byte, string, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, "", unwrapPathError(err)
	}
	if int64(len(b)) > limit {
		return nil, "", fmt.Errorf("over %d MiB: %w", limit>>20, pipeline.ErrTooLarge)
	}
	return b, "", nil
}

// A FetchError is a URL that could not be fetched at all: no answer, a
// refused connection, a timeout. Hint says what to check.
type FetchError struct{ Err error }

func (e *FetchError) Error() string { return "fetch: " + e.Err.Error() }
func (e *FetchError) Unwrap() error { return e.Err }

// Hint tells the user what to check.
func (e *FetchError) Hint() string { return "is the server up? check the URL" }

// acceptedTypes are the media types a URL may answer with.
var acceptedTypes = map[string]bool{
	"text/html": true, "application/xhtml+xml": true, "text/plain": true,
	"application/json": true, "text/xml": true, "application/xml": true,
}

func (in *Ingester) fetch(ctx context.Context, u string, limit int64) ([]byte, string, error) {
	hc := in.HTTP
	if hc == nil {
		hc = NewHTTPClient(limit)
	}
	resp, err := hc.R().SetContext(ctx).Get(u)
	if err != nil {
		switch {
		case ctx.Err() != nil:
			return nil, "", ctx.Err()
		case errors.Is(err, resty.ErrResponseBodyTooLarge):
			return nil, "", fmt.Errorf("over %d MiB: %w", limit>>20, pipeline.ErrTooLarge)
		}
		// The caller names the URL already; *url.Error repeats it.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, "", &FetchError{Err: err}
	}
	if resp.StatusCode() < 200 || resp.StatusCode() > 299 {
		return nil, "", fmt.Errorf("fetch: server answered %s", resp.Status())
	}
	ct := resp.Header().Get("Content-Type")
	if ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || !acceptedTypes[mt] {
			return nil, "", fmt.Errorf("fetch: content type %q is not an article (want HTML, text or JSON)", ct)
		}
	}
	body := resp.Body()
	if int64(len(body)) > limit {
		return nil, "", fmt.Errorf("over %d MiB: %w", limit>>20, pipeline.ErrTooLarge)
	}
	return body, ct, nil
}
