package httpcall

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/dossier-news/dossier/pipeline/translate"
)

const secret = "sk-very-secret/key+1"

// bufferLogger is a resty.Logger that keeps what it is told.
type bufferLogger struct{ bytes.Buffer }

func (l *bufferLogger) Errorf(f string, v ...any) { fmt.Fprintf(&l.Buffer, f, v...) }
func (l *bufferLogger) Warnf(f string, v ...any)  { fmt.Fprintf(&l.Buffer, f, v...) }
func (l *bufferLogger) Debugf(f string, v ...any) { fmt.Fprintf(&l.Buffer, f, v...) }

func TestSendKeepsDebugOff(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	log := &bufferLogger{}
	hc := resty.New().SetDebug(true).SetLogger(log)
	header := map[string]string{"Authorization": "Bearer " + secret}
	a, err := Post(context.Background(), hc, "test", srv.URL+"/translate?key="+secret, header, []byte(`{}`), secret)
	if err != nil || a.Status != http.StatusOK {
		t.Fatalf("Post: %v, status %d", err, a.Status)
	}
	if strings.Contains(log.String(), secret) {
		t.Errorf("resty logged the key:\n%s", log.String())
	}
}

func TestTransportErrorsHideTheKey(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close() // nothing listens: the error carries the URL
	for _, endpoint := range []string{srv.URL + "/t?key=" + secret, srv.URL + "/t?key=" + strings.ReplaceAll(secret, "/", "%2F")} {
		_, err := Get(context.Background(), resty.New(), "test", endpoint, nil, secret)
		if !errors.Is(err, translate.ErrRetry) {
			t.Errorf("err = %v, want ErrRetry", err)
		}
		if err != nil && (strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "sk-very-secret")) {
			t.Errorf("error reveals the key: %v", err)
		}
	}
}

func TestFailureRedactsAndCutsAtRunes(t *testing.T) {
	body := strings.Repeat("ошибка ", 60) + secret
	err := Failure("test", translate.ErrFatal, Answer{Status: 403}, body+" "+secret, secret, time.Now())
	if strings.Contains(err.Error(), secret) {
		t.Errorf("error reveals the key: %v", err)
	}
	if !strings.Contains(err.Error(), "…") || !errors.Is(err, translate.ErrFatal) {
		t.Errorf("err = %v, want a cut message of class ErrFatal", err)
	}
	if !isValidUTF8(err.Error()) {
		t.Errorf("message cut inside a character: %q", err.Error())
	}
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
