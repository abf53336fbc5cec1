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

	"github.com/dossier-news/dossier/pipeline"
)

// A Source is one input: a file, a URL, or standard input.
type Source struct {
	Name string // as the user knows it: the path, the URL, or "-"
	kind sourceKind
}

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
// of its own; the others still count.
func Expand(args []string) ([]Source, []error) {
	var out []Source
	var errs []error
	seen := map[string]bool{}
	add := func(s Source) {
		if !seen[s.Name] {
			seen[s.Name] = true
			out = append(out, s)
		}
	}
	for _, a := range args {
		switch {
		case a == "-":
			add(Source{Name: "-", kind: fromStdin})
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
		if errors.Is(err, context.Canceled) {
			return nil, "", err
		}
		if strings.Contains(err.Error(), "too large") {
			return nil, "", fmt.Errorf("over %d MiB: %w", limit>>20, pipeline.ErrTooLarge)
		}
		return nil, "", fmt.Errorf("fetch: %w", err)
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
