package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/aegisagent/redactor/errwrap"
	_ "github.com/aegisagent/redactor/errwrap/pgxerr" // typed fields of *pgconn.PgError
	"github.com/aegisagent/redactor/middleware"
	"github.com/aegisagent/redactor/redact"
	"github.com/aegisagent/redactor/slogsink"
)

// upstreamHost is the name the gateway uses for its upstream. The
// gateway's transport dials the in-process upstream whatever the host, so
// URLs (and the errors and logs that quote them) are the same on every run.
const upstreamHost = "upstream.internal"

// config is what main reads from flags and the environment.
type config struct {
	// PostgresDSN, if set, is a server on which GET /orders/dup makes a
	// real unique violation.
	PostgresDSN string
	// UpstreamKey is the partner API key sent by GET /proxy. It is
	// registered as a known secret.
	UpstreamKey string
	// UpstreamTimeout bounds the call of GET /proxy.
	UpstreamTimeout time.Duration
	// Log receives the service's JSON logs.
	Log io.Writer
	// KeepTime keeps the time and duration in log records; the demo drops
	// them so that its output is the same on every run.
	KeepTime bool
}

// skipKeys are the log attributes the slog sink passes untouched: only
// the per-rule counts of the output filter, which hold no value.
var skipKeys = []string{"redactions"}

// gateway is the service: a chi router in front of a misbehaving upstream.
type gateway struct {
	cfg      config
	log      *slog.Logger
	red      *redact.Redactor
	errs     *errwrap.Wrapper
	client   *http.Client
	upstream *http.Server
	ln       net.Listener
	pgReady  bool
	handler  http.Handler
}

// newGateway starts the in-process upstream and builds the handler. Call
// Close to stop the upstream.
func newGateway(cfg config) (*gateway, error) {
	if cfg.UpstreamTimeout == 0 {
		cfg.UpstreamTimeout = 200 * time.Millisecond
	}
	if cfg.Log == nil {
		return nil, errors.New("gateway: no log writer")
	}

	// One Redactor for responses, logs and errors, so that all three look
	// the same. The partner key is known, so it is caught wherever it
	// appears, whatever surrounds it (also base64- or URL-encoded).
	red, err := redact.New(
		redact.WithKnownSecrets(cfg.UpstreamKey),
		redact.WithEnvSecrets(), // redact.EnvSecretNames and every *_DB_PASSWORD of this process
	)
	if err != nil {
		return nil, err
	}

	g := &gateway{cfg: cfg, red: red}
	g.log = slog.New(slogsink.NewHandler(slog.NewJSONHandler(cfg.Log, &slog.HandlerOptions{
		ReplaceAttr: g.stableLog,
	}), red, slogsink.WithSkipKeys(skipKeys...)))
	g.errs = errwrap.New(errwrap.WithRedactor(red))

	g.ln, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	g.upstream = &http.Server{Handler: newUpstream(), ReadHeaderTimeout: 5 * time.Second}
	go g.upstream.Serve(g.ln)

	addr := g.ln.Addr().String()
	var d net.Dialer
	g.client = &http.Client{
		Timeout: cfg.UpstreamTimeout,
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
				return d.DialContext(ctx, network, addr)
			},
			// Pass the upstream's Content-Encoding through untouched: the
			// output filter decodes, redacts and re-encodes it.
			DisableCompression: true,
		},
	}

	if cfg.PostgresDSN != "" {
		g.pgReady = g.pingPostgres()
	}

	r := chi.NewRouter()
	// The access log is outermost, so it sees the final status and bytes.
	r.Use(middleware.RequestLogger(g.log, red))
	r.Use(middleware.OutputFilter(red, middleware.WithObserver(g.observe)))

	proxy := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(&url.URL{Scheme: "http", Host: upstreamHost})
		},
		Transport: g.client.Transport,
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			g.fail(w, r, fmt.Errorf("proxy %s: %w", r.URL.Path, err))
		},
		ErrorLog: slog.NewLogLogger(g.log.Handler(), slog.LevelError),
	}
	r.Get("/users/{id}", proxy.ServeHTTP)
	r.Get("/events", proxy.ServeHTTP)
	r.Get("/report", proxy.ServeHTTP)
	r.Get("/orders/dup", g.handle(g.ordersDup))
	r.Get("/proxy", g.handle(g.partnerItems))
	g.handler = r
	return g, nil
}

// Close stops the upstream.
func (g *gateway) Close() error {
	g.client.CloseIdleConnections()
	return g.upstream.Close()
}

// stableLog drops what changes from run to run (time, duration, the
// client's port) unless KeepTime is set.
func (g *gateway) stableLog(groups []string, a slog.Attr) slog.Attr {
	if g.cfg.KeepTime || len(groups) > 0 {
		return a
	}
	switch a.Key {
	case slog.TimeKey, "duration", "remote":
		return slog.Attr{}
	}
	return a
}

// observe logs what the output filter did to each response: rule IDs and
// counts, never a value.
func (g *gateway) observe(rep middleware.Report) {
	if rep.Counts == nil && rep.Err == nil {
		return
	}
	attrs := []any{"route", rep.Route, "status", rep.Status, "mode", rep.Mode}
	if rep.Counts != nil {
		// Rule IDs such as "keyed-secret" or "slack-token" end in a secret
		// noun, so the sink would take the counts for secrets: this key
		// is skipped (see skipKeys).
		attrs = append(attrs, slog.Any("redactions", rep.Counts))
	}
	if rep.Err != nil {
		attrs = append(attrs, "err", rep.Err)
	}
	g.log.Warn("response filtered", attrs...)
}

// handle is errwrap's Handle plus a log line: the client gets the problem
// response, the log gets the operator view of the same error.
func (g *gateway) handle(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			g.fail(w, r, err)
		}
	}
}

func (g *gateway) fail(w http.ResponseWriter, r *http.Request, err error) {
	g.log.Error("request failed", "path", r.URL.Path, "err", g.errs.Wrap(err))
	g.errs.Write(w, r, err)
}

// partnerItems calls a partner API with the key in the query, as many
// partner APIs demand. The partner does not answer in time.
func (g *gateway) partnerItems(w http.ResponseWriter, r *http.Request) error {
	u := "http://" + upstreamHost + "/v2/items?page=2&api_key=" + url.QueryEscape(g.cfg.UpstreamKey)
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := g.client.Do(req)
	if err != nil {
		// A careless log line, as found in real services: the raw
		// *url.Error quotes the whole URL. The slog sink catches it.
		g.log.Warn("partner call failed, giving up", "raw_err", err)
		return fmt.Errorf("list partner items: %w", err)
	}
	defer resp.Body.Close()
	if err := errwrap.FromResponse(resp, errwrap.WithRedactor(g.red)); err != nil {
		return err
	}
	w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
	_, err = io.Copy(w, resp.Body)
	return err
}

// ordersDup inserts the same e-mail twice: on a real server if one is
// configured and reachable, else it returns the error such a server sends.
func (g *gateway) ordersDup(_ http.ResponseWriter, r *http.Request) error {
	if !g.pgReady {
		return fmt.Errorf("create customer: %w", fakeUniqueViolation())
	}
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, g.cfg.PostgresDSN)
	if err != nil {
		return fmt.Errorf("connect orders db: %w", err)
	}
	defer conn.Close(context.Background())
	// A temporary table lives in this session only: nothing to clean up,
	// and concurrent requests do not collide.
	if _, err := conn.Exec(ctx, `CREATE TEMP TABLE customers (id serial PRIMARY KEY, email text NOT NULL UNIQUE)`); err != nil {
		return fmt.Errorf("create table: %w", err)
	}
	for range 2 {
		if _, err := conn.Exec(ctx, `INSERT INTO customers (email) VALUES ($1)`, "alice@example.com"); err != nil {
			return fmt.Errorf("create customer: %w", err)
		}
	}
	return errors.New("create customer: no unique violation")
}

// fakeUniqueViolation is what PostgreSQL 15 sends for the second insert
// of ordersDup, field by field (captured from a real server; the schema
// of a temporary table is pg_temp_N).
func fakeUniqueViolation() *pgconn.PgError {
	return &pgconn.PgError{
		Severity:            "ERROR",
		SeverityUnlocalized: "ERROR",
		Code:                "23505",
		Message:             `duplicate key value violates unique constraint "customers_email_key"`,
		Detail:              "Key (email)=(alice@example.com) already exists.",
		SchemaName:          "pg_temp_3",
		TableName:           "customers",
		ConstraintName:      "customers_email_key",
		File:                "nbtinsert.c",
		Line:                664,
		Routine:             "_bt_check_unique",
	}
}

// pingPostgres reports whether the configured server answers. When it
// does not, the demo says so (the DSN is logged: its password is not) and
// falls back to the recorded error.
func (g *gateway) pingPostgres() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, g.cfg.PostgresDSN)
	if err != nil {
		g.log.Warn("postgres unreachable, /orders/dup uses a recorded error", "dsn", g.cfg.PostgresDSN, "err", g.errs.Wrap(err))
		return false
	}
	conn.Close(ctx)
	return true
}
