package bench

import (
	"bytes"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aegisagent/redactor/redact"
	"github.com/aegisagent/redactor/slogsink"
	"github.com/m-mizutani/masq"
)

// masqFieldNames are the secret field names given to masq, the nearest
// equivalent of the key rules slogsink gets from the core (masq matches
// names exactly, so each spelling is listed).
var masqFieldNames = []string{
	"password", "passwd", "secret", "token", "access_token", "refresh_token",
	"api_key", "apiKey", "apikey", "authorization", "Authorization",
	"client_secret", "cookie", "private_key",
}

// masqPattern stands for some of the token shapes the core finds: vendor
// prefixes, JWTs, bearer tokens and URLs with credentials.
var masqPattern = regexp.MustCompile(`(?:ghp_|gho_|github_pat_|xox[abpr]-|sk_live_|AKIA)[A-Za-z0-9_\-]{10,}` +
	`|eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+` +
	`|(?i:bearer)\s+[A-Za-z0-9._~+/\-]{16,}` +
	`|[a-z][a-z0-9+.\-]*://[^/\s:@]+:[^/\s@]+@`)

func masqReplaceAttr() func([]string, slog.Attr) slog.Attr {
	opts := []masq.Option{masq.WithRegex(masqPattern)}
	for _, n := range masqFieldNames {
		opts = append(opts, masq.WithFieldName(n))
	}
	return masq.New(opts...)
}

// slogNames are the three ways of logging compared: the bare JSON
// handler, the same wrapped by slogsink, and the same with masq as
// ReplaceAttr.
var slogNames = []string{"bare", "slogsink", "masq"}

func newSlogHandler(name string, w io.Writer) slog.Handler {
	switch name {
	case "slogsink":
		return slogsink.NewHandler(slog.NewJSONHandler(w, nil), redact.Default())
	case "masq":
		return slog.NewJSONHandler(w, &slog.HandlerOptions{ReplaceAttr: masqReplaceAttr()})
	default:
		return slog.NewJSONHandler(w, nil)
	}
}

// logClean is the benchmarked call: a 5-attribute Info with nothing to
// redact.
func logClean(l *slog.Logger) {
	l.Info("request served",
		"method", "GET",
		"path", "/api/v1/orders/42",
		"status", 200,
		"elapsed", 1500*time.Microsecond,
		"user", "u_829331",
	)
}

// BenchmarkSlog compares, in one run, a clean 5-attribute Info call
// through slog.NewJSONHandler(io.Discard) alone, wrapped by slogsink, and
// with masq v0.1.10 as ReplaceAttr. The bar: slogsink at most
// 1.25x bare, and faster than masq. Like BenchmarkScan, each row also
// reports cpu-ns/op, which waiting for a CPU on a shared machine does not
// inflate. Run with -count 6 and read the rows with benchstat.
func BenchmarkSlog(b *testing.B) {
	for _, name := range slogNames {
		b.Run(name, func(b *testing.B) {
			l := slog.New(newSlogHandler(name, io.Discard))
			b.ReportAllocs()
			c0, ok := cpuTime()
			for b.Loop() {
				logClean(l)
			}
			if c1, ok1 := cpuTime(); ok && ok1 {
				b.ReportMetric(float64(c1-c0)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

// The three benchmarked handlers must print the same line for the clean
// call (time aside), or the comparison would not be fair.
func TestSlogBenchHandlersAgreeOnCleanRecord(t *testing.T) {
	var want string
	for _, name := range slogNames {
		var buf bytes.Buffer
		logClean(slog.New(newSlogHandler(name, &buf)))
		line := buf.String()
		if i := strings.Index(line, `"level"`); i >= 0 {
			line = line[i:] // drop the time
		}
		if want == "" {
			want = line
			continue
		}
		if line != want {
			t.Errorf("%s printed\n%s\nbare printed\n%s", name, line, want)
		}
	}
}

// Both redactors must catch the same planted secrets in the benchmark's
// shape of call, so that masq is not measured doing less work.
func TestSlogBenchHandlersRedact(t *testing.T) {
	const secret = "s3cr3t-Passw0rd!"
	jwt := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
	for _, name := range []string{"slogsink", "masq"} {
		var buf bytes.Buffer
		slog.New(newSlogHandler(name, &buf)).Info("login", "password", secret, "auth", jwt, "user", "u_829331")
		out := buf.String()
		for _, s := range []string{secret, jwt} {
			if strings.Contains(out, s) {
				t.Errorf("%s let %.12s… through: %s", name, s, out)
			}
		}
		if !strings.Contains(out, `"user":"u_829331"`) {
			t.Errorf("%s changed a clean attribute: %s", name, out)
		}
	}
}

// BenchmarkSlogLines logs real lines as messages (the loghub corpus when
// REDACT_CORPUS names it, else the synthetic clean4M input), one line per
// op with two attributes, through the bare JSON handler and through
// slogsink, in the same run. Messages are where unstructured text (and so
// most of the scanning) ends up.
func BenchmarkSlogLines(b *testing.B) {
	name, data := "clean4M", []byte(nil)
	if in, ok := Inputs()["corpus"]; ok {
		name, data = "corpus", in
	} else {
		data = Clean4M()
	}
	msgs := strings.Split(strings.TrimSpace(string(data)), "\n")
	for _, h := range []string{"bare", "slogsink"} {
		b.Run("in="+name+"/h="+h, func(b *testing.B) {
			l := slog.New(newSlogHandler(h, io.Discard))
			b.ReportAllocs()
			c0, ok := cpuTime()
			i := 0
			for b.Loop() {
				l.Info(msgs[i], "system", "loghub", "n", i)
				i++
				if i == len(msgs) {
					i = 0
				}
			}
			if c1, ok1 := cpuTime(); ok && ok1 {
				b.ReportMetric(float64(c1-c0)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
