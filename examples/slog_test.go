package examples_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"

	slogmulti "github.com/samber/slog-multi"

	"github.com/aegisagent/redactor/redact"
	"github.com/aegisagent/redactor/slogsink"
)

// noTime drops the time attribute, so that the examples' output is the
// same on every run.
func noTime(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 {
		return slog.Attr{}
	}
	return a
}

// slog-multi fan-out: slogsink.Middleware sits in front of the fan-out, so
// one redaction serves every sink (here the console as JSON and a file as
// text), and nothing reaches any sink unredacted, including attributes
// added with Logger.With, which inline slog-multi middlewares never see
// (samber/slog-multi#24). A Counter tells how much was redacted, by rule.
func Example_slogMultiFanout() {
	var file bytes.Buffer // stands in for a log file or a shipper
	console := slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime})
	audit := slog.NewTextHandler(&file, &slog.HandlerOptions{ReplaceAttr: noTime, Level: slog.LevelWarn})

	var redactions slogsink.Counter
	logger := slog.New(slogmulti.
		Pipe(slogsink.Middleware(redact.Default(), slogsink.WithReport(redactions.Report))).
		Handler(slogmulti.Fanout(console, audit)))

	type signup struct {
		Email    string `json:"email"`
		Password string `json:"password"`
		Plan     string `json:"plan"`
	}
	db := logger.With("db_password", "Pg-orders-7Hq2") // redacted once, here
	db.Info("pool ready", "size", 8)
	logger.Info("signup", "req", signup{Email: "jane.doe@example.com", Password: "hunter2", Plan: "pro"})
	logger.Warn("webhook failed", "err", errors.New("POST https://hooks.slack.com/services/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: 404"))

	fmt.Print("file: ", file.String())
	fmt.Println("counts:", redactions.Counts())
	// Output:
	// {"level":"INFO","msg":"pool ready","db_password":"[REDACTED:keyed-secret]","size":8}
	// {"level":"INFO","msg":"signup","req":{"email":"[REDACTED:email]","password":"[REDACTED:keyed-secret]","plan":"pro"}}
	// {"level":"WARN","msg":"webhook failed","err":"POST https://hooks.slack.com/services/[REDACTED:slack-webhook]: 404"}
	// file: level=WARN msg="webhook failed" err="POST https://hooks.slack.com/services/[REDACTED:slack-webhook]: 404"
	// counts: map[email:1 keyed-secret:2 slack-webhook:1]
}
