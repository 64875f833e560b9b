// Command gateway is a small chi service in front of an upstream that
// leaks: card numbers, e-mails, tokens, vendor keys in an event stream, a
// password in a gzip-compressed report, row data in database errors and an
// API key in the URL of a failed outbound call. The redactor's output
// filter, request logger, slog sink and error wrapper keep all of it out
// of what clients and logs see. See README.md for the requests to try.
//
//	go run ./examples/gateway [-addr 127.0.0.1:8080] [-pg postgres://…] [-time]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	pg := flag.String("pg", os.Getenv("REDACTOR_TEST_POSTGRES"), "PostgreSQL URL for a real unique violation on /orders/dup (default $REDACTOR_TEST_POSTGRES)")
	keepTime := flag.Bool("time", false, "keep time, duration and remote address in the logs")
	flag.Parse()

	key := os.Getenv("PARTNER_API_KEY")
	if key == "" {
		key = "pk_demo_9c1f4e7a2b6d8e3f5a7c"
	}
	g, err := newGateway(config{PostgresDSN: *pg, UpstreamKey: key, Log: os.Stderr, KeepTime: *keepTime})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gateway:", err)
		os.Exit(1)
	}
	defer g.Close()

	srv := &http.Server{Addr: *addr, Handler: g.handler, ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	g.log.Info("gateway listening", "addr", *addr, "postgres", g.pgReady)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		g.log.Error("listen", "err", err)
		os.Exit(1)
	}
}
