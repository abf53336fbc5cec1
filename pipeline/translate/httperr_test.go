package translate

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestHTTPErrorMessageIsValidUTF8(t *testing.T) {
	for shift := range 4 {
		msg := strings.Repeat("x", shift) + strings.Repeat("ошибка сервера ", 40)
		err := HTTPError("deepl", ErrRetry, 503, msg, nil, time.Time{})
		if !utf8.ValidString(err.Error()) {
			t.Errorf("shift %d: %q is not valid UTF-8", shift, err.Error())
		}
		if !strings.Contains(err.Error(), "…") {
			t.Errorf("shift %d: a long message was not cut: %v", shift, err)
		}
		if strings.Count(err.Error(), "deepl: ") != 1 {
			t.Errorf("engine named other than once: %v", err)
		}
	}
}
