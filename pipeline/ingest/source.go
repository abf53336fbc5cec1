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

// Expand turns command-line arguments into sources: files, directories
// (their article files, sorted, hidden ones skipped), globs, http(s) URLs,
// and "-" for standard input. An argument that yields nothing is an error
// of its own; the others still count. A file named twice, however spelt
// ("x.txt", "./x.txt", a link to it), is read once.
func Expand(args []string) ([]Source, []error) {
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
				if fi, err := os.Stat(m); err == nil && !fi.IsDir() {
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
				add(Source{Name: a})
				continue
			}
			files, err := articleFiles(a)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", a, err))
				continue
			}
			if len(files) == 0 {
				errs = append(errs, fmt.Errorf("%s: directory holds no article files (.txt, .html, .json)", a))
			}
			for _, f := range files {
				add(Source{Name: f})
			}
		}
	}
	return out, errs
}

func articleFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
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
		if !d.IsDir() && articleExts[strings.ToLower(filepath.Ext(name))] {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
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
		f, err := os.Open(src.Name)
		if err != nil {
			return nil, "", unwrapPathError(err)
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, "", errors.New("is a directory")
		}
		return readLimited(f, limit)
	}
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
