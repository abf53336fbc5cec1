package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"
)

// article returns a raw scrape the cleaner takes as one article.
func article(title, place string) string {
	return fmt.Sprintf("News\n\n%s\n\nNovember 22, 2022\n\nThe talks in %s ended on Tuesday with a joint statement from both delegations after a long week.\n\nDiplomats said the next round would be held in %s early next year, once both sides had agreed.\n", title, place, place)
}

// writeFiles writes name → content into dir and returns dir.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runIn(t *testing.T, ctx context.Context, dir, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	t.Setenv("DOSSIER_CACHE_DIR", filepath.Join(dir, ".cache"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, ".config"))
	t.Setenv("SOURCE_DATE_EPOCH", "1669420800")
	var out, errb bytes.Buffer
	code = run(ctx, append([]string{"dossier"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestFlagsFirst(t *testing.T) {
	app := (&env{}).app()
	tests := []struct {
		name string
		args string
		want string
	}{
		{"flags first already", "brief --out o a.txt", "brief --out o a.txt"},
		{"flag after input", "brief a.txt --out o", "brief --out o a.txt"},
		{"flag between inputs", "brief a.txt -o o b.txt", "brief -o o a.txt b.txt"},
		{"equals form is one argument", "brief a.txt --out=o b.txt", "brief --out=o a.txt b.txt"},
		{"bool flag takes no value", "brief a.txt --lossy b.txt", "brief --lossy a.txt b.txt"},
		{"stdin is a positional", "clean - --format txt", "clean --format txt -"},
		{"double dash ends flags", "clean a.txt -- --weird.txt --format", "clean -- a.txt --weird.txt --format"},
		{"global flag after command", "clean a.txt -q --format txt", "-q clean --format txt a.txt"},
		{"global value flag after command", "clean a.txt --log-format json", "--log-format json clean a.txt"},
		{"subcommand", "names index articles --format json", "names index --format json articles"},
		{"unknown flag stays with its command", "clean a.txt --nope", "clean --nope a.txt"},
		{"negative value", "translate a.txt --rate -1 --to es", "translate --rate -1 --to es a.txt"},
		{"flag without value at end", "brief a.txt --out", "brief --out"},
		{"flag without value keeps earlier flags", "clean x -q --width 60 --format", "-q clean --width 60 --format"},
		{"global flag without value at end", "clean a.txt --log-format", "--log-format"},
		{"global flag without value after globals", "-q clean a.txt --log-format", "-q --log-format"},
		{"no command", "-q", "-q"},
		{"unknown command", "frob --x y", "frob --x y"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := flagsFirst(app, append([]string{"dossier"}, strings.Fields(tc.args)...))
			want := append([]string{"dossier"}, strings.Fields(tc.want)...)
			if !slices.Equal(got, want) {
				t.Errorf("flagsFirst(%q) = %q, want %q", tc.args, got[1:], want[1:])
			}
		})
	}
}

// TestFlagOrder runs each command with its flags before and after the
// inputs: both must do the same.
func TestFlagOrder(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": article("Talks In Baku End With A Statement", "Baku")})
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, stdout string)
	}{
		{"clean", []string{"clean", "a.txt", "--format", "txt"}, func(t *testing.T, stdout string) {
			if strings.HasPrefix(strings.TrimSpace(stdout), "{") {
				t.Errorf("--format txt after the input was ignored: %s", stdout)
			}
		}},
		{"brief", []string{"brief", "a.txt", "--out", "o", "-f", "txt"}, func(t *testing.T, _ string) {
			if got := listDir(t, filepath.Join(dir, "o")); len(got) != 1 || !strings.HasSuffix(got[0], ".txt") {
				t.Errorf("out folder holds %q, want one .txt", got)
			}
		}},
		{"translate", []string{"translate", "a.txt", "--to", "es", "--dry-run", "--no-cache"}, nil},
		{"names index", []string{"names", "index", "a.txt", "--format", "csv"}, func(t *testing.T, stdout string) {
			if !strings.HasPrefix(stdout, "id,canonical,") {
				t.Errorf("--format csv after the input was ignored: %s", stdout)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runIn(t, context.Background(), dir, "", tc.args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if tc.check != nil {
				tc.check(t, stdout)
			}
		})
	}
}

// TestDryRunWritesNothing: a dry run leaves no file, folder or cache,
// reports what the plan could not do per input, and exits 1 when an input
// failed, as the real run would, else 0.
func TestDryRunWritesNothing(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"good.txt":    article("Talks In Baku End With A Statement", "Baku"),
		"nolang.json": `{"meta":{"title":"No language","language":""},"blocks":[{"kind":"paragraph","text":"An article whose language nobody knows."}]}`,
	})
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"brief with --to", []string{"brief", "--dry-run", "--to", "es", "--out", "D", "nolang.json", "good.txt"}, exitPartial},
		{"brief without --to", []string{"brief", "--dry-run", "--out", "D", "good.txt"}, exitOK},
		{"brief with a missing input", []string{"brief", "--dry-run", "--out", "D", "good.txt", "missing.txt"}, exitPartial},
		{"translate --out", []string{"translate", "--dry-run", "--to", "es", "--out", "D", "nolang.json", "good.txt"}, exitPartial},
		{"translate all good", []string{"translate", "--dry-run", "--to", "es", "--out", "D", "good.txt"}, exitOK},
		{"translate with a missing input", []string{"translate", "--dry-run", "--to", "es", "good.txt", "missing.txt"}, exitPartial},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runIn(t, context.Background(), dir, "", tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d: %s", code, tc.want, stderr)
			}
			if tc.want == exitPartial && !strings.Contains(stderr, "dossier: 1 of 2 inputs failed") {
				t.Errorf("stderr does not count the failed input: %s", stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if !strings.Contains(stderr, "dossier: dry run: ") {
				t.Errorf("stderr says nothing of the dry run: %s", stderr)
			}
			if got := listDir(t, dir); !slices.Equal(got, []string{"good.txt", "nolang.json"}) {
				t.Errorf("folder holds %q after a dry run", got)
			}
		})
	}
}

func TestDryRunOutChecked(t *testing.T) {
	dir := writeFiles(t, map[string]string{"good.txt": article("Talks In Baku End With A Statement", "Baku"), "file": "x"})
	code, _, stderr := runIn(t, context.Background(), dir, "", "brief", "--dry-run", "--out", "file/sub", "good.txt")
	if code != exitUsage || !strings.Contains(stderr, "--out file/sub: ") || !strings.Contains(stderr, "is not a folder") {
		t.Errorf("exit %d, stderr %s: want a usage error naming --out", code, stderr)
	}
}

// TestOutCheckedFirst: an --out that cannot be written fails before any
// input is read (a missing input would be reported otherwise).
func TestOutCheckedFirst(t *testing.T) {
	dir := writeFiles(t, map[string]string{"file": "x"})
	for _, cmd := range []string{"brief", "translate"} {
		t.Run(cmd, func(t *testing.T) {
			args := []string{cmd, "--out", "file/sub", "missing.txt"}
			if cmd == "translate" {
				args = append(args, "--to", "es")
			}
			code, _, stderr := runIn(t, context.Background(), dir, "", args...)
			if code != exitUsage || !strings.Contains(stderr, "dossier: error: --out file/sub: ") || strings.Contains(stderr, "missing.txt") {
				t.Errorf("exit %d, stderr %s", code, stderr)
			}
		})
	}
}

// TestUsageErrorLeavesNoOut: a command line that fails its checks exits 2
// and does not create the --out folder.
func TestUsageErrorLeavesNoOut(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": article("Talks In Baku End With A Statement", "Baku")})
	tests := []struct {
		name string
		args []string
	}{
		{"brief without inputs", []string{"brief", "--out", "newdir"}},
		{"brief bad --to", []string{"brief", "--out", "newdir", "--to", "xx-bogus-!!", "a.txt"}},
		{"brief unknown engine", []string{"brief", "--out", "newdir", "--to", "es", "--engine", "nope", "a.txt"}},
		{"brief bad --max-size", []string{"brief", "--out", "newdir", "--max-size", "0", "a.txt"}},
		{"brief bad --from", []string{"brief", "--out", "newdir", "--to", "es", "--from", "??", "a.txt"}},
		{"translate without inputs", []string{"translate", "--to", "es", "--out", "newdir"}},
		{"translate unknown engine", []string{"translate", "--to", "es", "--engine", "nope", "--out", "newdir", "a.txt"}},
		{"translate bad --to", []string{"translate", "--to", "xx-bogus-!!", "--out", "newdir", "a.txt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runIn(t, context.Background(), dir, "", tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want 2: %s", code, stderr)
			}
			if got := listDir(t, dir); !slices.Equal(got, []string{"a.txt"}) {
				t.Errorf("folder holds %q after a usage error", got)
			}
		})
	}
}

// TestNoAssetsWithoutArticles: style.css only comes with an article.
func TestNoAssetsWithoutArticles(t *testing.T) {
	dir := writeFiles(t, map[string]string{"empty.txt": "\n"})
	code, _, stderr := runIn(t, context.Background(), dir, "", "brief", "--out", "o", "-f", "xhtml", "empty.txt")
	if code != exitPartial {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if got := listDir(t, filepath.Join(dir, "o")); len(got) != 0 {
		t.Errorf("out folder holds %q, want nothing", got)
	}
	if !strings.Contains(stderr, "dossier: wrote 0 files for 0 of 1 articles") || !strings.Contains(stderr, "dossier: 1 of 1 inputs failed") {
		t.Errorf("stderr: %s", stderr)
	}
}

func TestMaxSize(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": article("Talks In Baku End With A Statement", "Baku")})
	tests := []struct {
		name string
		size string
		want int
	}{
		{"one", "1", exitOK},
		{"the most", "4096", exitOK},
		{"zero", "0", exitUsage},
		{"above 4 GiB", "4097", exitUsage},
		{"would overflow", "9007199254740993", exitUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runIn(t, context.Background(), dir, "", "clean", "--max-size", tc.size, "a.txt")
			if code != tc.want {
				t.Errorf("exit %d, want %d: %s", code, tc.want, stderr)
			}
		})
	}
}

// TestJSONStreamRoundTrip: what clean prints, clean reads back whole.
func TestJSONStreamRoundTrip(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"in/a.txt": article("Talks In Baku End With A Statement", "Baku"),
		"in/b.txt": article("Ministers Meet In Tbilisi For Trade", "Tbilisi"),
		"in/c.txt": article("Yerevan Hosts Regional Summit On Water", "Yerevan"),
	})
	code, all, stderr := runIn(t, context.Background(), dir, "", "clean", "in")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	os.WriteFile(filepath.Join(dir, "all.json"), []byte(all), 0o644)
	code, again, stderr := runIn(t, context.Background(), dir, "", "clean", "all.json")
	if code != exitOK || again != all {
		t.Errorf("exit %d, %d bytes back of %d: %s", code, len(again), len(all), stderr)
	}
	code, titles, _ := runIn(t, context.Background(), dir, all, "clean", "--format", "txt", "-")
	if code != exitOK || !strings.Contains(titles, "Baku") || !strings.Contains(titles, "Tbilisi") || !strings.Contains(titles, "Yerevan") {
		t.Errorf("stdin stream: exit %d: %s", code, titles)
	}

	os.WriteFile(filepath.Join(dir, "bad.json"), []byte(all+"\n{\"meta\": nope}\n"), 0o644)
	code, out, stderr := runIn(t, context.Background(), dir, "", "clean", "bad.json")
	if code != exitPartial || !strings.Contains(stderr, "dossier: error: bad.json: dossier json: document 4: ") {
		t.Errorf("malformed fourth value: exit %d: %s", code, stderr)
	}
	if out != all {
		t.Errorf("the three good documents before the bad one were not printed")
	}
}

func TestInputsDeduplicated(t *testing.T) {
	dir := writeFiles(t, map[string]string{"x.txt": article("Talks In Baku End With A Statement", "Baku")})
	code, out, stderr := runIn(t, context.Background(), dir, "", "clean", "x.txt", "./x.txt", "../"+filepath.Base(dir)+"/x.txt")
	if code != exitOK || strings.Count(out, `"meta"`) != 1 {
		t.Errorf("exit %d, %d documents, want 1: %s", code, strings.Count(out, `"meta"`), stderr)
	}
}

func TestStdinNamed(t *testing.T) {
	code, out, stderr := runIn(t, context.Background(), t.TempDir(), article("Talks In Baku End With A Statement", "Baku"), "clean", "--format", "txt", "-")
	if code != exitOK || strings.Contains(out, "<->") || !strings.Contains(out, "standard input") {
		t.Errorf("exit %d, stdout %s, stderr %s", code, out, stderr)
	}
}

func TestLossyRefusesBinary(t *testing.T) {
	noise := make([]byte, 2048)
	x := uint32(88172645)
	for i := range noise {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		noise[i] = byte(x)
	}
	dir := writeFiles(t, map[string]string{"noise.bin": string(noise)})
	code, _, stderr := runIn(t, context.Background(), dir, "", "clean", "--lossy", "noise.bin")
	if code != exitPartial || !strings.Contains(stderr, "dossier: error: noise.bin: ") || !strings.Contains(stderr, "are not text") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// fakeAPy answers /listPairs with eng→spa and calls onTranslate for each
// /translate request for that pair. Like APy, it refuses any other pair:
// a fake that translated pairs it does not list would let the outcome of
// a run hang on whether a probe or the listing comes back first.
func fakeAPy(t *testing.T, onTranslate func(w http.ResponseWriter, r *http.Request)) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/listPairs", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte(`{"responseData":[{"sourceLanguage":"eng","targetLanguage":"spa"}],"responseStatus":200}`))
	})
	mux.HandleFunc("/translate", func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("langpair") != "eng|spa" {
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`{"status":"error","code":400,"message":"Bad Request","explanation":"That pair is not installed"}`))
			return
		}
		onTranslate(w, r)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// longArticle is an article of several paragraphs, about 1500
// characters: an Apertium request (at most 2000) holds little more than
// one, so a batch of them takes several requests.
func longArticle(title, place string) string {
	var sb strings.Builder
	sb.WriteString(article(title, place))
	for i := range 4 {
		fmt.Fprintf(&sb, "\nObservers in %s noted point %d of the statement, which covered trade, transport links, border crossings and the exchange of prisoners held since the last war.\n", place, i+1)
	}
	return sb.String()
}

// TestInterrupted: a run stopped mid-translation says so once, with what
// to do, not once per article; brief writes nothing half-done, translate
// writes the articles that were finished. Each run has its own server and
// context: the server translates (echoes) every request until it meets
// the last article, then stops the run and hangs.
func TestInterrupted(t *testing.T) {
	places := []string{"Baku", "Tbilisi", "Yerevan", "Ganja", "Batumi"}
	tests := []struct {
		name  string
		args  []string
		hint  string
		check func(t *testing.T, dir string)
	}{
		{
			name: "brief",
			args: []string{"brief", "--out", "o", "-f", "txt", "--no-cache"},
			hint: "dossier: hint: nothing was cached (--no-cache)",
			check: func(t *testing.T, dir string) {
				if got := listDir(t, filepath.Join(dir, "o")); len(got) != 0 {
					t.Errorf("out folder holds %q", got)
				}
			},
		},
		{
			name: "translate",
			args: []string{"translate", "--out", "o", "-f", "txt"},
			hint: "dossier: hint: translations so far are cached",
			check: func(t *testing.T, dir string) {
				got := listDir(t, filepath.Join(dir, "o"))
				if len(got) == 0 || len(got) >= len(places) {
					t.Fatalf("out folder holds %q, want the finished articles only", got)
				}
				for _, name := range got {
					if strings.Contains(name, "batumi") {
						t.Errorf("unfinished article written: %s", name)
					}
					b, err := os.ReadFile(filepath.Join(dir, "o", name))
					if err != nil || !strings.Contains(string(b), "Observers in") {
						t.Errorf("%s: %q, %v", name, b, err)
					}
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			url := fakeAPy(t, func(w http.ResponseWriter, r *http.Request) {
				q := r.FormValue("q")
				// Names travel as stand-ins, so the last article is known
				// by a word of its own.
				if !strings.Contains(q, "Finally") {
					fmt.Fprintf(w, `{"responseData":{"translatedText":%q},"responseStatus":200}`, q)
					return
				}
				cancel()
				select {
				case <-r.Context().Done():
				case <-time.After(2 * time.Second):
				}
			})
			files := map[string]string{}
			for i, place := range places {
				files[fmt.Sprintf("%d.txt", i)] = longArticle("Talks In "+place+" End With A Statement", place)
				if i == len(places)-1 {
					files[fmt.Sprintf("%d.txt", i)] += "\nFinally, the talks ended.\n"
				}
			}
			dir := writeFiles(t, files)
			args := append(tc.args, ".", "--to", "es", "--engine-url", url, "--concurrency", "1")
			code, _, stderr := runIn(t, ctx, dir, "", args...)
			if code != exitPartial {
				t.Errorf("exit %d, want 1", code)
			}
			if n := strings.Count(stderr, "dossier: error:"); n != 1 || !strings.Contains(stderr, "dossier: error: interrupted\n") {
				t.Errorf("want one error line, 'interrupted'; stderr:\n%s", stderr)
			}
			if !strings.Contains(stderr, tc.hint) || strings.Contains(stderr, "context canceled") {
				t.Errorf("stderr lacks %q:\n%s", tc.hint, stderr)
			}
			tc.check(t, dir)
		})
	}
}

// TestQuiet: -q leaves errors only; warnings, hints and summaries go.
func TestQuiet(t *testing.T) {
	url := fakeAPy(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"responseData":{"translatedText":"Las conversaciones terminaron."},"responseStatus":200}`))
	})
	dir := writeFiles(t, map[string]string{
		"ru.json": `{"meta":{"title":"Переговоры в Баку","language":"ru"},"blocks":[{"kind":"paragraph","text":"Переговоры в Баку завершились во вторник."}]}`,
	})
	for _, order := range [][]string{{"-q", "brief"}, {"brief", "-q"}} {
		args := append(order, "ru.json", "--to", "es", "--engine-url", url, "--no-cache", "--out", "o", "-f", "txt")
		code, _, stderr := runIn(t, context.Background(), dir, "", args...)
		if code != exitOK || stderr != "" {
			t.Errorf("%q: exit %d, stderr %q, want nothing", args, code, stderr)
		}
	}
	// Without -q the untranslated article is a warning with a hint.
	code, _, stderr := runIn(t, context.Background(), dir, "", "brief", "ru.json", "--to", "es", "--engine-url", url, "--no-cache", "--out", "o", "-f", "txt")
	if code != exitOK || !strings.Contains(stderr, "dossier: warning: ") || !strings.Contains(stderr, "dossier: wrote 1 file for 1 of 1 articles") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}

func TestFetchErrorHint(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/article"
	srv.Close()
	code, _, stderr := runIn(t, context.Background(), t.TempDir(), "", "clean", url)
	if code != exitPartial || strings.Count(stderr, url) != 1 || !strings.Contains(stderr, "dossier: hint: is the server up? check the URL") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestEnginesNamesFlags(t *testing.T) {
	code, out, _ := runIn(t, context.Background(), t.TempDir(), "", "engines")
	if code != exitOK || strings.Contains(out, "--url") || !strings.Contains(out, "--engine-url") {
		t.Errorf("exit %d: %s", code, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "  ") && !strings.Contains(line, "set with ") {
			t.Errorf("setting without a way to set it: %q", line)
		}
	}
}

// TestMissingFlagValue: a value flag at the end of the line is reported
// as missing its value; the positional before it is not taken instead,
// and nothing is created under its name.
func TestMissingFlagValue(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": article("Talks In Baku End With A Statement", "Baku")})
	tests := []struct {
		name string
		args []string
		flag string
	}{
		{"clean format", []string{"clean", "a.txt", "--format"}, "format"},
		{"brief out", []string{"brief", "a.txt", "--out"}, "out"},
		{"brief out short", []string{"brief", "a.txt", "-o"}, "o"},
		{"global log format", []string{"clean", "a.txt", "--log-format"}, "log-format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runIn(t, context.Background(), dir, "", tc.args...)
			if code != exitUsage || !strings.Contains(stderr, "flag needs an argument: -"+tc.flag) {
				t.Errorf("exit %d, stderr %s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if got := listDir(t, dir); !slices.Equal(got, []string{"a.txt"}) {
				t.Errorf("folder holds %q", got)
			}
		})
	}
}

// TestFormatHelp: clean and translate take --format or -f, and their help
// lists the formats the registry holds.
func TestFormatHelp(t *testing.T) {
	names := newDocumentRegistry(0).Names()
	dir := writeFiles(t, map[string]string{"a.txt": article("Talks In Baku End With A Statement", "Baku")})
	for _, cmd := range []string{"clean", "translate"} {
		t.Run(cmd, func(t *testing.T) {
			code, stdout, _ := runIn(t, context.Background(), dir, "", cmd, "--help")
			if code != exitOK {
				t.Fatalf("exit %d", code)
			}
			want := regexp.MustCompile(`--format value, -f value +output format: ` + strings.Join(names, " or "))
			if !want.MatchString(stdout) {
				t.Errorf("help lacks %q:\n%s", want, stdout)
			}
		})
	}
	code, stdout, stderr := runIn(t, context.Background(), dir, "", "clean", "-f", "txt", "a.txt")
	if code != exitOK || strings.HasPrefix(stdout, "{") {
		t.Errorf("clean -f txt: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
}

// TestCharactersCounted: "characters" means the characters of the source
// segments, whether sent or answered by the cache: a rerun reports from
// the cache what the first run sent (issue 14: 7,160 sent, then 7,846
// "from the cache", the length of the translations). The fake engine's
// translations are longer than their sources.
func TestCharactersCounted(t *testing.T) {
	url := fakeAPy(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"responseData":{"translatedText":%q},"responseStatus":200}`, strings.ReplaceAll(r.FormValue("q"), "Baku", "Bakuuuuuuuuuuu"))
	})
	dir := writeFiles(t, map[string]string{"a.txt": longArticle("Talks In Baku End With A Statement", "Baku")})
	args := []string{"translate", "a.txt", "--to", "es", "--engine-url", url, "--out", "o", "-f", "txt"}
	sent := regexp.MustCompile(`translated [1-9]\d* segments? in [1-9]\d* requests?, (\d+) characters? sent \(retries and resends included\), 0 retries; 0 segments \(0 characters\) from the cache`)
	code, _, stderr := runIn(t, context.Background(), dir, "", args...)
	m := sent.FindStringSubmatch(stderr)
	if code != exitOK || m == nil {
		t.Fatalf("first run: exit %d:\n%s", code, stderr)
	}
	cached := regexp.MustCompile(`translated 0 segments in 0 requests, 0 characters sent \(retries and resends included\), 0 retries; [1-9]\d* segments? \((\d+) characters?\) from the cache`)
	code, _, stderr = runIn(t, context.Background(), dir, "", args...)
	m2 := cached.FindStringSubmatch(stderr)
	if code != exitOK || m2 == nil {
		t.Fatalf("rerun: exit %d:\n%s", code, stderr)
	}
	if m[1] != m2[1] {
		t.Errorf("first run sent %s characters, the rerun found %s in the cache", m[1], m2[1])
	}
}

// TestSummaryPlurals: a run of one request and one segment says so in
// the singular (issue 14: "in 1 requests").
func TestSummaryPlurals(t *testing.T) {
	url := fakeAPy(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"responseData":{"translatedText":%q},"responseStatus":200}`, r.FormValue("q"))
	})
	dir := writeFiles(t, map[string]string{"a.json": `{"meta":{"language":"en"},"blocks":[{"kind":"paragraph","text":"Talks ended."}]}`})
	code, _, stderr := runIn(t, context.Background(), dir, "", "translate", "a.json", "--to", "es", "--engine-url", url, "--no-cache", "--out", "o")
	if code != exitOK || !strings.Contains(stderr, "dossier: translate: apertium: translated 1 segment in 1 request, 12 characters sent (retries and resends included), 0 retries; 0 segments (0 characters) from the cache\n") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
}

// TestHelpDefaults: each flag states one default, the one it uses, and
// help sends users to the README rather than to Go tooling (issue 14).
func TestHelpDefaults(t *testing.T) {
	var paths [][]string
	var walk func(prefix []string, cmds []*cli.Command)
	walk = func(prefix []string, cmds []*cli.Command) {
		for _, c := range cmds {
			p := append(append([]string(nil), prefix...), c.Name)
			paths = append(paths, p)
			walk(p, c.Subcommands)
		}
	}
	walk(nil, (&env{}).app().Commands)
	for _, p := range paths {
		code, stdout, stderr := runIn(t, context.Background(), t.TempDir(), "", append(p, "--help")...)
		if code != exitOK {
			t.Errorf("%q --help: exit %d: %s", p, code, stderr)
		}
		for _, line := range strings.Split(stdout, "\n") {
			if strings.Count(line, "(default:") > 1 || strings.Contains(line, "go doc") {
				t.Errorf("%q --help: %s", p, strings.TrimSpace(line))
			}
			if strings.Contains(line, "--title") && strings.Contains(line, "first article") {
				t.Errorf("--title claims a default it does not use: %s", line)
			}
		}
	}
}

// TestEngineConfigErrorIsUsage: an engine without its key is a
// configuration error, exit 2, and nothing is made (issue 14: it exited 1).
func TestEngineConfigErrorIsUsage(t *testing.T) {
	t.Setenv("DEEPL_AUTH_KEY", "")
	dir := writeFiles(t, map[string]string{"a.txt": article("Talks In Baku End With A Statement", "Baku")})
	for _, args := range [][]string{
		{"translate", "a.txt", "--to", "es", "--engine", "deepl"},
		{"brief", "a.txt", "--to", "es", "--engine", "deepl", "--out", "o"},
	} {
		code, stdout, stderr := runIn(t, context.Background(), dir, "", args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, "dossier: error: deepl: ") || !strings.Contains(stderr, "DEEPL_AUTH_KEY") {
			t.Errorf("%q: exit %d, stdout %q, stderr %s", args, code, stdout, stderr)
		}
		if got := listDir(t, filepath.Join(dir, "o")); len(got) != 0 {
			t.Errorf("%q: made %q", args, got)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "o")); err == nil {
		t.Errorf("--out folder made")
	}
}
