package playground

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// DefaultAddr is the address wmm serve listens on unless told otherwise:
// the loopback interface and a port the system picks, so that the
// playground is not reachable from other machines by accident.
const DefaultAddr = "127.0.0.1:0"

// Listen listens on addr (host:port; DefaultAddr when empty).
func Listen(addr string) (net.Listener, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	return net.Listen("tcp", addr)
}

// Serve serves h on ln until ctx is done, then shuts the server down.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := srv.Shutdown(shut)
		if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
			err = e
		}
		return err
	}
}
