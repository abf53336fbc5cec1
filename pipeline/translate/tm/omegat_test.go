package tm_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/tm"
)

// omegatJar returns the path of OmegaT.jar, read from Debian's omegat
// launcher script.
func omegatJar(t *testing.T) string {
	t.Helper()
	launcher := need(t, "omegat")
	jar := "/usr/share/omegat/OmegaT.jar"
	if b, err := os.ReadFile(launcher); err == nil {
		if m := regexp.MustCompile(`-jar\s+(\S+\.jar)`).FindSubmatch(b); m != nil {
			jar = string(m[1])
		}
	}
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("omegat is installed but its jar is not at %s: %v", jar, err)
	}
	return jar
}

// omegatDTD extracts the TMX 1.4b DTD OmegaT ships (schemas/tmx14.dtd in
// its jar) and returns its path.
func omegatDTD(t *testing.T) string {
	t.Helper()
	zr, err := zip.OpenReader(omegatJar(t))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("schemas/tmx14.dtd")
	if err != nil {
		t.Fatalf("OmegaT.jar: %v", err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tmx14.dtd")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// omegatProject makes an OmegaT project translating English into Spanish
// in a temporary folder named "project", one segment per paragraph (a
// dossier segment is already sentence-aligned), and returns its folder.
func omegatProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "project")
	for _, sub := range []string{"source", "target", "tm/auto", "omegat", "glossary", "dictionary"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	project := `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>EN</source_lang>
    <target_lang>ES</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneSpanishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`
	if err := os.WriteFile(filepath.Join(dir, "omegat.project"), []byte(project), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runOmegaT runs OmegaT's console translation of the project: it writes
// target/ and the project's TMX files (project-level2.tmx…). OmegaT reads
// the tags of a reference TMX (tm/) only with ext_tmx_show_level2 set, as
// a translator working with tagged memories sets it.
func runOmegaT(t *testing.T, dir string) {
	t.Helper()
	omegat := need(t, "omegat")
	cfg := t.TempDir()
	prefs := `<?xml version="1.0" encoding="UTF-8" ?>
<omegat>
  <preference version="1.0">
    <ext_tmx_show_level2>true</ext_tmx_show_level2>
  </preference>
</omegat>
`
	if err := os.WriteFile(filepath.Join(cfg, "omegat.prefs"), []byte(prefs), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, omegat, "--mode=console-translate", "--config-dir="+cfg,
		"--disable-project-locking", "--no-team", "--quiet", dir)
	cmd.Env = append(os.Environ(), "DISPLAY=", "HOME="+cfg)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("omegat: %v\n%s", err, out)
	}
	// OmegaT reports a file it cannot read in its log and goes on.
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "Error:") || strings.Contains(line, "TMX_ERROR") {
			t.Errorf("omegat: %s", line)
		}
	}
}

// TestTMXThroughOmegaT: the memory's TMX, used by OmegaT as an automatic
// reference memory on the same segments, fills every segment with its
// names as tags, and OmegaT's own TMX of the project, imported into an
// empty memory, holds the same segments, names and translations — enough
// to translate the batch again with no request.
func TestTMXThroughOmegaT(t *testing.T) {
	mem, done := translated(t)
	want := entries(t, mem)
	dir := omegatProject(t)
	if err := os.WriteFile(filepath.Join(dir, "tm", "auto", "dossier.tmx"), exportTMX(t, mem), 0o644); err != nil {
		t.Fatal(err)
	}
	// The translator's project: the same segments to translate, in the
	// XLIFF OmegaT 3.6 expects (it translates <target>, a copy of the
	// source), names as the XLIFF export marks them.
	var units []tm.Unit
	for k, e := range want {
		prefill := e
		prefill.Text = e.Source
		prefill.Keep = append([]translate.Keep(nil), e.Keep...)
		for i := range prefill.Keep {
			prefill.Keep[i].As = "" // the name as it stands
		}
		units = append(units, tm.Unit{Key: k, Where: "block", Entry: prefill})
	}
	var src bytes.Buffer
	if err := tm.WriteXLIFF(&src, tm.Tool{}, []tm.Article{{Original: "segments", From: "en", To: "es", Units: units}}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "source", "segments.xlf"), src.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	runOmegaT(t, dir)

	level2, err := os.ReadFile(filepath.Join(dir, "project-level2.tmx"))
	if err != nil {
		t.Fatal(err)
	}
	back := openMemory(t)
	r, err := tm.ImportTMX(context.Background(), bytes.NewReader(level2), back, tm.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Reviewed != len(want) {
		t.Errorf("import of OmegaT's TMX: %+v, want %d entries\n%s", r, len(want), level2)
	}
	t.Logf("OmegaT's TMX: %d units imported as reviewed (%+v), of %d exported", r.Reviewed, r, len(want))
	if got, w := contents(entries(t, back)), contents(want); !reflect.DeepEqual(got, w) {
		t.Errorf("through OmegaT:\n got %+v\nwant %+v", got, w)
	}

	eng := &shouter{}
	again := batch(t)
	if err := newStage(t, eng, back).ApplyBatch(context.Background(), again); err != nil {
		t.Fatal(err)
	}
	t.Logf("batch translated again from the imported memory: %d requests", eng.requests())
	if eng.requests() != 0 {
		t.Errorf("batch with the imported memory sent %d requests, want 0", eng.requests())
	}
	for i := range done {
		if got, w := fmt.Sprint(again[i].Blocks), fmt.Sprint(done[i].Blocks); got != w {
			t.Errorf("article %d: %s, want %s", i, got, w)
		}
	}
}

// TestXLIFFThroughOmegaT: a batch's XLIFF, post-edited in OmegaT (the
// translator's edit stands in OmegaT's project memory, as OmegaT saves
// it), comes back with the edit; imported, it is a reviewed translation,
// and the batch translated again reads it and sends nothing.
func TestXLIFFThroughOmegaT(t *testing.T) {
	mem, _ := translated(t)
	st := newStage(t, &shouter{}, mem)
	articles, missing, err := tm.Articles(st, batch(t))
	if err != nil || missing != 0 {
		t.Fatalf("Articles: %d missing, %v", missing, err)
	}
	var xlf bytes.Buffer
	if err := tm.WriteXLIFF(&xlf, tm.Tool{Version: "test"}, articles); err != nil {
		t.Fatal(err)
	}
	if xmllint, err := exec.LookPath("xmllint"); err == nil {
		cmd := exec.Command(xmllint, "--noout", "--nonet", "-")
		cmd.Stdin = bytes.NewReader(xlf.Bytes())
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("xmllint: %v\n%s", err, out)
		}
	}
	const (
		machine = "Angela Merkel meto Pedro Sánchez ino Berlino."
		human   = "Angela Merkel se reunió con Pedro Sánchez en Berlín."
	)
	if !bytes.Contains(xlf.Bytes(), []byte(`<g id="n1" ctype="x-dossier-name">Angela Merkel</g> meto <g id="n2" ctype="x-dossier-name">Pedro Sánchez</g> ino Berlino.`)) {
		t.Fatalf("XLIFF lacks the machine translation with names as codes:\n%s", xlf.Bytes())
	}
	dir := omegatProject(t)
	if err := os.WriteFile(filepath.Join(dir, "source", "batch.xlf"), xlf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// OmegaT 3.6 post-edits the <target>: the segment it shows is the
	// machine translation, names as tags <g0>, <g1>.
	projectMemory := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6.0" segtype="paragraph" srclang="EN"/>
  <body>
    <tu>
      <tuv lang="EN"><seg>&lt;g0&gt;Angela Merkel&lt;/g0&gt; meto &lt;g1&gt;Pedro Sánchez&lt;/g1&gt; ino Berlino.</seg></tuv>
      <tuv lang="ES"><seg>&lt;g0&gt;Angela Merkel&lt;/g0&gt; se reunió con &lt;g1&gt;Pedro Sánchez&lt;/g1&gt; en Berlín.</seg></tuv>
    </tu>
  </body>
</tmx>
`
	if err := os.WriteFile(filepath.Join(dir, "omegat", "project_save.tmx"), []byte(projectMemory), 0o644); err != nil {
		t.Fatal(err)
	}
	runOmegaT(t, dir)
	edited, err := os.ReadFile(filepath.Join(dir, "target", "batch.xlf"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(edited, []byte("se reunió con")) {
		t.Fatalf("OmegaT's target file lacks the edit:\n%s", edited)
	}

	r, err := tm.ImportXLIFF(context.Background(), bytes.NewReader(edited), mem, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if r.Reviewed != 1 || r.Unknown != 0 || r.Unchanged == 0 {
		t.Errorf("import: %+v, want 1 reviewed, the rest unchanged", r)
	}

	for _, refresh := range []bool{false, true} {
		eng := &shouter{}
		docs := batch(t)
		st, err := translate.NewStage(eng, translate.Options{To: "es", Cache: mem, Refresh: refresh})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.ApplyBatch(context.Background(), docs); err != nil {
			t.Fatal(err)
		}
		if got := docs[0].Blocks[0].Text; !strings.HasPrefix(got, human) {
			t.Errorf("refresh %v: block 0 = %q, want it to start with the reviewed %q", refresh, got, human)
		}
		t.Logf("refresh %v: %d requests; block 0: %q", refresh, eng.requests(), docs[0].Blocks[0].Text)
		if !refresh && eng.requests() != 0 {
			t.Errorf("rebuild sent %d requests, want 0", eng.requests())
		}
	}
	if strings.Contains(machine, "reunió") {
		t.Fatal("machine and human texts must differ")
	}
}

// TestXLIFFImportRefusesOtherMemory: a file whose sources are not the
// memory's is refused before anything is stored.
func TestXLIFFImportRefusesOtherMemory(t *testing.T) {
	mem, _ := translated(t)
	st := newStage(t, &shouter{}, mem)
	articles, _, err := tm.Articles(st, batch(t))
	if err != nil {
		t.Fatal(err)
	}
	var xlf bytes.Buffer
	tm.WriteXLIFF(&xlf, tm.Tool{}, articles)
	before := entries(t, mem)
	bad := strings.Replace(xlf.String(), "ino Berlino.", "en Berlín.", 1)
	bad = strings.Replace(bad, "lasted two hours.</source>", "lasted three hours.</source>", 1)
	if _, err := tm.ImportXLIFF(context.Background(), strings.NewReader(bad), mem, time.Now()); err == nil {
		t.Fatal("import of a file with another source succeeded")
	}
	if after := entries(t, mem); !reflect.DeepEqual(after, before) {
		t.Error("a refused import changed the memory")
	}
}
