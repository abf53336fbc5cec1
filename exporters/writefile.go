package exporters

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile replaces name atomically: a crash leaves the old file or the
// new one, never half of one. The temporary file sits beside the target so
// that the final rename never crosses file systems.
func WriteFile(name string, perm fs.FileMode, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // fails harmlessly once renamed
	err = write(f)
	if err == nil {
		err = f.Chmod(perm) // CreateTemp makes 0600 files
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// The temporary file is no news to the user: name the target.
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == f.Name() {
			pe.Path = name
		}
		return err
	}
	return os.Rename(f.Name(), name)
}
