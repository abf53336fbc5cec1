package apertiumtest

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestStartAPyServesOnLoopbackOnly(t *testing.T) {
	url := StartAPy(t)
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("url = %q, want loopback", url)
	}
	resp, err := http.Get(url + "/listPairs")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `"spa"`) {
		t.Fatalf("/listPairs = %s", b)
	}
	// APy's own port must not be open in this namespace, on any address.
	addrs, _ := net.InterfaceAddrs()
	for _, a := range append(addrs, &net.IPNet{IP: net.IPv4(127, 0, 0, 1)}) {
		ipn, ok := a.(*net.IPNet)
		if !ok {
			continue
		}
		addr := net.JoinHostPort(ipn.IP.String(), fmt.Sprint(innerPort))
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			t.Errorf("something answers on %s: APy must be reachable only through the forwarder", addr)
		}
	}
}
