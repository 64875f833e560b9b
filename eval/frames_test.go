package eval

import (
	"fmt"
	"strings"
)

// Surrounding context: the log frames, neighbouring fields and suffixes that
// real lines carry around a secret. None of them contains anything the
// specification calls a secret or personal data (IP addresses are not
// redacted by default).

var months = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

type stamp struct{ y, mo, d, h, mi, s, ms int }

func (g *gen) stamp() stamp {
	return stamp{g.between(2023, 2026), g.between(1, 12), g.between(1, 28), g.intn(24), g.intn(60), g.intn(60), g.intn(1000)}
}

func (t stamp) date() string   { return fmt.Sprintf("%04d-%02d-%02d", t.y, t.mo, t.d) }
func (t stamp) clock() string  { return fmt.Sprintf("%02d:%02d:%02d", t.h, t.mi, t.s) }
func (t stamp) iso() string    { return t.date() + "T" + t.clock() + fmt.Sprintf(".%03dZ", t.ms) }
func (t stamp) isoSec() string { return t.date() + "T" + t.clock() + "Z" }

func (g *gen) host() string {
	return g.pick("web-01", "api-3", "ip-10-0-3-7", "worker-2", "gw-eu-1", "prod-app-04", "db-proxy", "edge-7")
}

func (g *gen) prog() string {
	return g.pick("app", "api", "auth", "billing", "gateway", "worker", "sshd", "cron", "orders", "notifier")
}

func (g *gen) level() string { return g.pick("INFO", "WARN", "ERROR", "DEBUG") }

func (g *gen) pid() int { return g.between(100, 65000) }

// jsonEsc escapes a string for the inside of a JSON string (quotes and
// backslashes; the generated inner text has no control characters).
func jsonEsc(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}

func ident(s string) string { return s }

// frame wraps inner in a random log-line format and returns the line and
// the secrets as they appear in it (some frames escape quotes).
func (g *gen) frame(inner string, secrets []string) (string, []string) {
	line, esc := g.frameWith(g.intn(17), inner)
	out := make([]string, len(secrets))
	for i, s := range secrets {
		out[i] = esc(s)
	}
	return line, out
}

// frameWith renders frame number i.
func (g *gen) frameWith(i int, inner string) (string, func(string) string) {
	t := g.stamp()
	switch i {
	case 0:
		return inner, ident
	case 1: // RFC 3164 syslog
		return fmt.Sprintf("%s %2d %s %s %s[%d]: %s", months[t.mo-1], t.d, t.clock(), g.host(), g.prog(), g.pid(), inner), ident
	case 2: // ISO + level + component
		return fmt.Sprintf("%s %-5s [%s] %s", t.iso(), g.level(), g.prog(), inner), ident
	case 3: // Python logging
		return fmt.Sprintf("%s %s,%03d %s %s.views: %s", t.date(), t.clock(), t.ms, g.pick("INFO", "WARNING", "ERROR"), g.prog(), inner), ident
	case 4: // Laravel / Monolog
		return fmt.Sprintf("[%s %s] production.%s: %s", t.date(), t.clock(), g.pick("ERROR", "INFO", "WARNING"), inner), ident
	case 5: // klog
		return fmt.Sprintf("%s%02d%02d %s.%06d %7d %s.go:%d] %s", g.pick("I", "W", "E"), t.mo, t.d, t.clock(), g.intn(1000000), g.pid(), g.pick("controller", "reconciler", "server"), g.between(40, 900), inner), ident
	case 6: // logrus text formatter: quoted message
		return fmt.Sprintf(`time="%s" level=%s msg="%s"`, t.isoSec(), strings.ToLower(g.level()), jsonEsc(inner)), jsonEsc
	case 7: // kubectl logs --prefix
		return fmt.Sprintf("[pod/%s-%s-%s/%s] %s", g.prog(), g.chars(lowerNum, 10), g.chars(lowerNum, 5), g.prog(), inner), ident
	case 8: // RFC 5424
		return fmt.Sprintf("<%d>1 %s %s %s %d - - %s", g.between(128, 191), t.iso(), g.host(), g.prog(), g.pid(), inner), ident
	case 9: // Go log
		return fmt.Sprintf("%04d/%02d/%02d %s %s", t.y, t.mo, t.d, t.clock(), inner), ident
	case 10: // JSON log line (structural path of the command)
		return fmt.Sprintf(`{"ts":"%s","level":"%s","logger":"%s","msg":"%s"}`, t.iso(), strings.ToLower(g.level()), g.prog(), jsonEsc(inner)), jsonEsc
	case 11: // Spring Boot
		return fmt.Sprintf("%s %s.%03d %5s %d --- [nio-8080-exec-%d] c.a.%s.AuthController : %s", t.date(), t.clock(), t.ms, g.level(), g.pid(), g.between(1, 9), g.prog(), inner), ident
	case 12: // docker compose
		return fmt.Sprintf("%s-%s-1  | %s", g.pick("shop", "infra", "stack"), g.prog(), inner), ident
	case 13: // GitHub Actions log
		return fmt.Sprintf("%s.%07dZ %s", t.date()+"T"+t.clock(), g.intn(10000000), inner), ident
	case 14: // nginx error log
		return fmt.Sprintf(`%04d/%02d/%02d %s [error] %d#%d: *%d %s, client: 10.0.%d.%d, server: api.acme-corp.com, request: "POST /v1/login HTTP/1.1"`,
			t.y, t.mo, t.d, t.clock(), g.pid(), g.intn(8), g.between(1, 99999), inner, g.intn(255), g.between(1, 254)), ident
	case 16: // zap console encoder: tab-separated
		return fmt.Sprintf("%s\t%s\t%s/handler.go:%d\t%s", t.iso(), strings.ToLower(g.level()), g.prog(), g.between(10, 400), inner), ident
	default: // prose-ish ticket / chat line
		return fmt.Sprintf("%s: %s", g.pick("Support note", "Incident 4821", "Slack export", "Jira PROJ-1182 comment", "Debug dump"), inner), ident
	}
}

// suffix returns neighbouring context after the interesting part.
func (g *gen) suffix() string {
	switch g.intn(10) {
	case 9:
		return " " + g.pick("city=Zürich", "note=\"Überweisung fehlgeschlagen\"", "user_name=José", "msg=注文完了")
	case 0, 1:
		return ""
	case 2:
		return " request_id=" + g.uuid()
	case 3:
		return fmt.Sprintf(" (attempt %d/5)", g.between(1, 5))
	case 4:
		return fmt.Sprintf(" user_id=%d status=%d", g.between(1000, 999999), g.pick3(401, 403, 500))
	case 5:
		return fmt.Sprintf(" took %d.%dms", g.between(1, 900), g.intn(10))
	case 6:
		return " trace_id=" + g.hex(32)
	case 7:
		return " region=" + g.pick("eu-west-1", "us-east-2", "ap-south-1")
	default:
		return " path=/v1/" + g.pick("sessions", "orders/8841", "users/me", "webhooks")
	}
}

// prefixField returns neighbouring context before the interesting part
// (ending with a space, or empty).
func (g *gen) prefixField() string {
	switch g.intn(7) {
	case 0, 1:
		return ""
	case 2:
		return fmt.Sprintf("level=%s ", strings.ToLower(g.level()))
	case 3:
		return fmt.Sprintf("user=%s ", g.pick("alice", "bob", "svc-deploy", "u_48213"))
	case 4:
		return fmt.Sprintf("method=%s path=/v1/%s ", g.pick("POST", "GET", "PUT"), g.pick("login", "token", "session"))
	case 5:
		return "service=" + g.prog() + " "
	default:
		return "msg=\"config loaded\" "
	}
}

// around places s between a random prefix and suffix inside a frame.
func (g *gen) around(s string, secrets ...string) (string, []string) {
	return g.frame(g.prefixField()+s+g.suffix(), secrets)
}

// punct wraps a bare token in punctuation seen in prose and logs.
func (g *gen) punct(tok string) string {
	switch g.intn(10) {
	case 0:
		return "(" + tok + ")"
	case 1:
		return "[" + tok + "]"
	case 2:
		return "<" + tok + ">"
	case 3:
		return `"` + tok + `"`
	case 4:
		return "'" + tok + "'"
	case 5:
		return "`" + tok + "`"
	case 6:
		return tok + ","
	case 7:
		return tok + "."
	default:
		return tok
	}
}
