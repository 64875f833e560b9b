package slogsink_test

import (
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/aegisagent/redactor/redact"
	"github.com/aegisagent/redactor/slogsink"
	slogmulti "github.com/samber/slog-multi"
)

// stdoutJSON is a JSON handler on stdout without the time, for stable
// example output.
func stdoutJSON() slog.Handler {
	return slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime})
}

// Wrap the service's handler once; everything logged through it is
// redacted, including attributes added with With.
func Example() {
	logger := slog.New(slogsink.NewHandler(stdoutJSON(), redact.Default()))

	type loginRequest struct {
		User     string `json:"user"`
		Password string `json:"password"`
	}
	db := logger.With("dsn", "postgres://orders:hunter2hunter2@db.internal:5432/orders")
	db.Info("connected", "pool", 8)
	logger.Warn("login failed", "req", loginRequest{User: "alice", Password: "hunter2"})
	logger.Error("query failed", "err", errors.New("auth token sk_live_51HxQz2KjR8vLmNpQ7sT4uVwXyZ rejected"))
	logger.Info("clean records pass unchanged", "user", "alice", "status", 200)
	// Output:
	// {"level":"INFO","msg":"connected","dsn":"postgres://orders:[REDACTED:url-credentials]@db.internal:5432/orders","pool":8}
	// {"level":"WARN","msg":"login failed","req":{"user":"alice","password":"[REDACTED:keyed-secret]"}}
	// {"level":"ERROR","msg":"query failed","err":"auth token [REDACTED:stripe-key] rejected"}
	// {"level":"INFO","msg":"clean records pass unchanged","user":"alice","status":200}
}

// As a samber/slog-multi middleware in front of a fan-out: every sink gets
// the redacted record, and a Counter tells how much was redacted, by rule.
func ExampleMiddleware() {
	var redactions slogsink.Counter
	text := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime})
	h := slogmulti.
		Pipe(slogsink.Middleware(redact.Default(), slogsink.WithReport(redactions.Report))).
		Handler(slogmulti.Fanout(stdoutJSON(), text))

	logger := slog.New(h).With("api_key", "Zq8Xr2Lm9Kp4Wn7Vb3Jh")
	logger.Info("sent receipt", "to", "bob.smith@example.com")
	fmt.Println(redactions.Counts())
	// Output:
	// {"level":"INFO","msg":"sent receipt","api_key":"[REDACTED:keyed-secret]","to":"[REDACTED:email]"}
	// level=INFO msg="sent receipt" api_key=[REDACTED:keyed-secret] to=[REDACTED:email]
	// map[email:1 keyed-secret:1]
}
