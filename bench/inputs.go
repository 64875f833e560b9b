// Package bench holds the benchmark inputs and baselines for the redactor:
// deterministic generators for realistic logs (clean and with secrets), a
// naive regexp-list redactor, the keyword list handed to the Aho-Corasick
// libraries, and a dense-DFA speed limit. Nothing here is corpus data: every
// input is generated from a seed, so a run can be repeated byte for byte.
package bench

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"
)

// Seed is the seed of every benchmark input. Changing it changes the bytes
// of every input, so recorded results are only comparable for one seed.
const Seed = 20260314

// DirtyEvery is the default spacing of secret-carrying lines in dirty
// inputs: one line in DirtyEvery carries a secret or PII (1%).
const DirtyEvery = 100

// Gen produces log lines. The same seed gives the same lines on every
// machine and Go version (math/rand/v2's PCG is specified).
type Gen struct {
	r     *rand.Rand
	sr    *rand.Rand // secret lines draw from their own stream
	clock time.Time
	n     int // lines produced
	dirty int // 0: clean; otherwise every dirty-th line carries a secret
	kinds int // secret lines produced
}

// NewGen returns a generator of clean lines (dirtyEvery == 0) or of lines
// of which every dirtyEvery-th carries a secret or PII.
func NewGen(seed uint64, dirtyEvery int) *Gen {
	return &Gen{
		r:     rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		sr:    rand.New(rand.NewPCG(seed^0x5ec7e75, seed)),
		clock: time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC),
		dirty: dirtyEvery,
	}
}

// Line appends the next line, newline included, to dst. A dirty generator
// returns the same lines as a clean one with the same seed, except that
// every DirtyEvery-th line is replaced by a secret-carrying one.
func (g *Gen) Line(dst []byte) []byte {
	g.n++
	g.clock = g.clock.Add(time.Duration(1+g.r.IntN(40)) * time.Millisecond)
	f := g.r.IntN(len(formats))
	// The clean line is always drawn, so clean and dirty streams stay
	// aligned line for line.
	start := len(dst)
	dst = formats[f](g, dst)
	if g.dirty > 0 && g.n%g.dirty == g.dirty/2 {
		dst = dst[:start]
		k := g.kinds % len(SecretKinds)
		g.kinds++
		g.r, g.sr = g.sr, g.r
		dst = SecretKinds[k].Line(g, dst)
		g.r, g.sr = g.sr, g.r
	}
	return append(dst, '\n')
}

// Logs returns at least size bytes of whole lines.
func Logs(size int, seed uint64, dirtyEvery int) []byte {
	g := NewGen(seed, dirtyEvery)
	b := make([]byte, 0, size+1024)
	for len(b) < size {
		b = g.Line(b)
	}
	return b
}

// Clean4M is about 4 MiB of clean logs in eight formats.
func Clean4M() []byte { return Logs(4<<20, Seed, 0) }

// Dirty4M is Clean4M with every 100th line carrying a secret or PII.
func Dirty4M() []byte { return Logs(4<<20, Seed, DirtyEvery) }

// Prefix returns the longest prefix of b of at most n bytes that ends at a
// line end.
func Prefix(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	i := bytes.LastIndexByte(b[:n], '\n')
	return b[:i+1]
}

// Line200 is one clean logfmt line of exactly 200 bytes, newline included.
var Line200 = []byte(`time=2026-03-14T09:26:53.123Z level=info msg="request completed" method=GET path=/v2/orders/58213/items status=200 dur_ms=12.4 trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 uid=7` + "\n")

// Line200Dirty is one line of exactly 200 bytes whose headers field carries
// a bearer token; it also holds a URL without credentials.
var Line200Dirty = []byte(`time=2026-03-14T09:26:53.123Z level=debug msg="upstream call" url=https://api.vendor.example/v1/sync headers="Authorization: Bearer Zm9v4Rk2bq8NcX1wL0pQe7Ts3YhJ5dGa9uMi6KvE" status=401 retry_in=250ms` + "\n")

// JSON16K is one API response body (a page of orders), about 16 KB of
// compact JSON with ids, UUIDs, SKUs, timestamps, prices, tags, owners,
// checksums, hrefs and two support e-mail addresses, and no secret.
func JSON16K() []byte { return JSONResponse(16000, Seed) }

type jsonOwner struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Team     string `json:"team"`
	Href     string `json:"href"`
	Verified bool   `json:"verified"`
}

type jsonItem struct {
	SKU      string  `json:"sku"`
	Qty      int     `json:"qty"`
	Price    float64 `json:"unit_price"`
	Currency string  `json:"currency"`
}

type jsonOrder struct {
	ID        int        `json:"id"`
	UUID      string     `json:"uuid"`
	Status    string     `json:"status"`
	CreatedAt string     `json:"created_at"`
	UpdatedAt int64      `json:"updated_at_ms"`
	Total     float64    `json:"total"`
	Items     []jsonItem `json:"items"`
	Tags      []string   `json:"tags"`
	Owner     jsonOwner  `json:"owner"`
	Checksum  string     `json:"checksum"`
	Href      string     `json:"href"`
	Version   string     `json:"api_version"`
}

type jsonPage struct {
	Object  string      `json:"object"`
	Page    int         `json:"page"`
	PerPage int         `json:"per_page"`
	Total   int         `json:"total"`
	Orders  []jsonOrder `json:"data"`
	Support struct {
		Email   string `json:"email"`
		Billing string `json:"billing_contact"`
		Docs    string `json:"docs"`
	} `json:"support"`
	Next string `json:"next"`
}

// JSONResponse returns one compact JSON body of at least size bytes.
func JSONResponse(size int, seed uint64) []byte {
	g := NewGen(seed, 0)
	p := jsonPage{Object: "list", Page: 3, PerPage: 0, Total: 4127}
	p.Support.Email = "support@shop.example.com"
	p.Support.Billing = "billing-team@shop.example.com"
	p.Support.Docs = "https://docs.shop.example.com/api/orders"
	for {
		id := 100000 + g.r.IntN(900000)
		o := jsonOrder{
			ID:        id,
			UUID:      g.uuid(),
			Status:    pick(g, "pending", "paid", "shipped", "delivered", "refunded"),
			CreatedAt: g.clock.Add(-time.Duration(g.r.IntN(86400)) * time.Second).Format(time.RFC3339),
			UpdatedAt: g.clock.UnixMilli() - int64(g.r.IntN(100000)),
			Tags:      []string{pick(g, "priority", "gift", "b2b", "backorder"), pick(g, "eu", "us", "apac")},
			Owner: jsonOwner{ID: 1000 + g.r.IntN(9000), Name: pick(g, "Warehouse East", "Fulfilment Team", "Returns Desk", "Marketplace Sync"),
				Team: pick(g, "ops", "logistics", "cx"), Verified: g.r.IntN(2) == 0},
			Checksum: g.hex(40),
			Version:  fmt.Sprintf("2026-0%d-1%d", 1+g.r.IntN(3), g.r.IntN(10)),
		}
		o.Owner.Href = fmt.Sprintf("https://api.shop.example.com/v2/users/%d", o.Owner.ID)
		o.Href = fmt.Sprintf("https://api.shop.example.com/v2/orders/%d", id)
		for range 1 + g.r.IntN(3) {
			it := jsonItem{SKU: fmt.Sprintf("SKU-%05d-%s", g.r.IntN(100000), pick(g, "BLK", "WHT", "RED", "XL", "M")),
				Qty: 1 + g.r.IntN(4), Price: float64(99+g.r.IntN(20000)) / 100, Currency: pick(g, "EUR", "USD")}
			o.Items = append(o.Items, it)
			o.Total += it.Price * float64(it.Qty)
		}
		o.Total = float64(int(o.Total*100)) / 100
		p.Orders = append(p.Orders, o)
		p.PerPage = len(p.Orders)
		p.Next = fmt.Sprintf("https://api.shop.example.com/v2/orders?page=4&per_page=%d&sort=-created_at", p.PerPage)
		b, err := json.Marshal(p)
		if err != nil {
			panic(err)
		}
		if len(b) >= size {
			return b
		}
	}
}

// Corpus reads every *.log file in dir (sorted by name) into one input.
func Corpus(dir string) ([]byte, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no *.log files in %s", dir)
	}
	sort.Strings(names)
	var b []byte
	for _, n := range names {
		d, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		b = append(b, d...)
		if len(b) > 0 && b[len(b)-1] != '\n' {
			b = append(b, '\n')
		}
	}
	return b, nil
}

// ---- pieces ----

const (
	hexDigits = "0123456789abcdef"
	alnum     = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b32       = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	lowerAl   = "abcdefghijklmnopqrstuvwxyz0123456789"
)

func pick(g *Gen, s ...string) string { return s[g.r.IntN(len(s))] }

func (g *Gen) from(alpha string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alpha[g.r.IntN(len(alpha))]
	}
	return string(b)
}

func (g *Gen) hex(n int) string { return g.from(hexDigits, n) }

func (g *Gen) uuid() string {
	h := g.hex(32)
	return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-" + string("89ab"[g.r.IntN(4)]) + h[17:20] + "-" + h[20:]
}

func (g *Gen) ip() string {
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprintf("10.%d.%d.%d", g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
	case 1:
		return fmt.Sprintf("192.168.%d.%d", g.r.IntN(256), 1+g.r.IntN(254))
	case 2:
		return fmt.Sprintf("203.0.113.%d", 1+g.r.IntN(254))
	default:
		return fmt.Sprintf("172.%d.%d.%d", 16+g.r.IntN(16), g.r.IntN(256), 1+g.r.IntN(254))
	}
}

var (
	services  = []string{"orders-api", "billing", "auth-proxy", "inventory", "checkout", "search", "notifier", "gateway"}
	resources = []string{"orders", "items", "users", "carts", "invoices", "shipments", "products", "sessions"}
	methods   = []string{"GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH"}
	hosts     = []string{"inventory.internal:8443", "payments.internal:9000", "search.svc.cluster.local:9200", "cdn.shop.example.com", "api.partner.example.net"}
	users     = []string{"deploy", "ubuntu", "ci-runner", "backup", "admin", "git"}
	agents    = []string{
		"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
		"curl/8.6.0", "Go-http-client/2.0", "kube-probe/1.30", "okhttp/4.12.0",
	}
	msgs = []string{"request completed", "cache refreshed", "retrying upstream", "job finished", "connection pool stats",
		"rate limit applied", "oauth2 refresh scheduled", "session renewed", "feature flag evaluated", "message published"}
)

func (g *Gen) path() string {
	r := pick(g, resources...)
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprintf("/v2/%s/%d", r, 1+g.r.IntN(999999))
	case 1:
		return fmt.Sprintf("/v2/%s/%s", r, g.uuid())
	case 2:
		return fmt.Sprintf("/api/v1/%s?page=%d&limit=%d&sort=%s", r, 1+g.r.IntN(40), 10*(1+g.r.IntN(10)), pick(g, "asc", "desc", "-created_at"))
	default:
		return fmt.Sprintf("/static/assets/%s.%s.js", pick(g, "app", "vendor", "checkout"), g.hex(8))
	}
}

// formats are the eight clean line formats. None carries a secret or an
// e-mail address; some carry words that are also anchors of secret rules
// (oauth2, auth-proxy, session, credentials, ://, @ in image digests).
var formats = []func(*Gen, []byte) []byte{
	// logfmt text (Go slog TextHandler, logrus)
	func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `time=%s level=%s msg=%q service=%s method=%s path=%s status=%d duration_ms=%d.%d trace_id=%s span_id=%s remote_ip=%s`,
			g.clock.Format("2006-01-02T15:04:05.000Z07:00"), pick(g, "info", "info", "info", "debug", "warn"), pick(g, msgs...),
			pick(g, services...), pick(g, methods...), g.path(), statusCode(g),
			g.r.IntN(900), g.r.IntN(10), g.hex(32), g.hex(16), g.ip())
	},
	// slog JSON
	func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `{"time":"%s","level":"%s","msg":"%s","component":"%s","request_id":"%s","latency_ms":%d,"bytes":%d,"digest":"sha256:%s","ts":%d}`,
			g.clock.Format(time.RFC3339Nano), pick(g, "INFO", "INFO", "DEBUG", "WARN"), pick(g, msgs...), pick(g, services...),
			g.uuid(), g.r.IntN(2000), g.r.IntN(1<<20), g.hex(64), g.clock.UnixMilli())
	},
	// nginx combined access log + request time
	func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `%s - - [%s] "%s %s HTTP/1.1" %d %d "https://shop.example.com/%s" "%s" %d.%03d`,
			g.ip(), g.clock.Format("02/Jan/2006:15:04:05 -0700"), pick(g, methods...), g.path(), statusCode(g), g.r.IntN(200000),
			pick(g, resources...), pick(g, agents...), g.r.IntN(3), g.r.IntN(1000))
	},
	// sshd via syslog
	func(g *Gen, b []byte) []byte {
		ts := g.clock.Format("Jan _2 15:04:05")
		host := fmt.Sprintf("bastion-%d", 1+g.r.IntN(4))
		pid := 1000 + g.r.IntN(60000)
		switch g.r.IntN(4) {
		case 0:
			return fmt.Appendf(b, "%s %s sshd[%d]: Accepted publickey for %s from %s port %d ssh2: ED25519 SHA256:%s",
				ts, host, pid, pick(g, users...), g.ip(), 1024+g.r.IntN(64000), g.from(alnum+"+/", 43))
		case 1:
			return fmt.Appendf(b, "%s %s sshd[%d]: pam_unix(sshd:session): session opened for user %s(uid=%d) by (uid=0)",
				ts, host, pid, pick(g, users...), 1000+g.r.IntN(100))
		case 2:
			return fmt.Appendf(b, "%s %s sshd[%d]: Connection closed by %s port %d [preauth]", ts, host, pid, g.ip(), 1024+g.r.IntN(64000))
		default:
			return fmt.Appendf(b, "%s %s sshd[%d]: Invalid user %s from %s port %d", ts, host, pid, pick(g, "oracle", "test", "pi", "support"), g.ip(), 1024+g.r.IntN(64000))
		}
	},
	// Java (logback) with an occasional stack frame line
	func(g *Gen, b []byte) []byte {
		if g.r.IntN(3) == 0 {
			return fmt.Appendf(b, "\tat com.example.%s.%sService.%s(%sService.java:%d) ~[%s-%d.%d.%d.jar:na]",
				pick(g, "orders", "billing", "catalog"), pick(g, "Order", "Invoice", "Product"), pick(g, "load", "save", "validate"),
				pick(g, "Order", "Invoice", "Product"), 20+g.r.IntN(400), pick(g, "core", "service"), 1+g.r.IntN(3), g.r.IntN(20), g.r.IntN(10))
		}
		return fmt.Appendf(b, "%s %-5s [http-nio-8080-exec-%d] c.e.%s.%sService - Order %s moved to %s in %d ms (correlation %s)",
			g.clock.Format("2006-01-02 15:04:05,000"), pick(g, "INFO", "WARN", "DEBUG"), 1+g.r.IntN(200),
			pick(g, "orders", "billing", "catalog"), pick(g, "Order", "Invoice", "Product"), g.uuid(), pick(g, "PAID", "SHIPPED", "CANCELLED"),
			g.r.IntN(2000), g.hex(16))
	},
	// klog (Kubernetes)
	func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `%c%s %7d %s.go:%d] "%s" pod="default/web-%s-%s" uid="%s" resourceVersion="%d" image="registry.example.com/web@sha256:%s"`,
			"IIIW"[g.r.IntN(4)], g.clock.Format("0102 15:04:05.000000"), 1+g.r.IntN(99999), pick(g, "controller", "reconciler", "kubelet"),
			10+g.r.IntN(900), pick(g, "Reconciled", "Pod status updated", "Syncing"), g.from(lowerAl, 10), g.from(lowerAl, 5),
			g.uuid(), 10000000+g.r.IntN(90000000), g.hex(64))
	},
	// SQL debug
	func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `%s DEBUG sql: SELECT id, status, total FROM %s WHERE customer_id = $1 AND created_at > $2 ORDER BY id LIMIT %d args=[%d %d] rows=%d elapsed=%d.%dms`,
			g.clock.Format("2006-01-02T15:04:05.000Z"), pick(g, resources...), 10*(1+g.r.IntN(10)), 1+g.r.IntN(999999),
			g.clock.UnixMilli()-int64(g.r.IntN(1e9)), g.r.IntN(500), g.r.IntN(40), g.r.IntN(10))
	},
	// error line with an upstream URL
	func(g *Gen, b []byte) []byte {
		h := pick(g, hosts...)
		return fmt.Appendf(b, `%s ERROR upstream request failed: Get "https://%s%s": dial tcp %s:%d: %s (attempt %d/5, oauth2 token source=metadata, no credentials logged)`,
			g.clock.Format("2006/01/02 15:04:05"), h, g.path(), g.ip(), 443+g.r.IntN(9000), pick(g, "i/o timeout", "connection refused", "no route to host"),
			1+g.r.IntN(5))
	},
}

func statusCode(g *Gen) int {
	return []int{200, 200, 200, 201, 204, 301, 304, 400, 404, 500, 503}[g.r.IntN(11)]
}

// ---- secrets ----

// SecretKind is one kind of secret or PII line in dirty inputs.
type SecretKind struct {
	Name string
	Line func(g *Gen, dst []byte) []byte
}

// githubToken returns a classic token with a valid CRC32 checksum: 30
// random base62 characters and their CRC32 (IEEE) in 6 base62 digits.
func (g *Gen) githubToken(prefix string) string {
	body := g.from(alnum, 30)
	sum := crc32.ChecksumIEEE([]byte(body))
	var enc [6]byte
	for i := 5; i >= 0; i-- {
		enc[i] = alnum[sum%62]
		sum /= 62
	}
	return prefix + body + string(enc[:])
}

// cardNumber returns a 16-digit Visa or Mastercard number with a valid
// Luhn check digit.
func (g *Gen) cardNumber() string {
	d := make([]byte, 16)
	if g.r.IntN(2) == 0 {
		d[0] = 4
	} else {
		d[0], d[1] = 5, byte(1+g.r.IntN(5))
	}
	start := 1
	if d[0] == 5 {
		start = 2
	}
	for i := start; i < 15; i++ {
		d[i] = byte(g.r.IntN(10))
	}
	// Luhn: double every second digit from the right, check digit at 15.
	sum := 0
	for i := 14; i >= 0; i-- {
		v := int(d[i])
		if (15-i)%2 == 1 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	d[15] = byte((10 - sum%10) % 10)
	s := make([]byte, 0, 19)
	for i, v := range d {
		if i > 0 && i%4 == 0 {
			s = append(s, ' ')
		}
		s = append(s, '0'+v)
	}
	return string(s)
}

func (g *Gen) jwt() string {
	enc := base64.RawURLEncoding
	h := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	p := enc.EncodeToString([]byte(`{"sub":"` + strconv.Itoa(10000+g.r.IntN(90000)) + `","iat":` + strconv.FormatInt(g.clock.Unix(), 10) + `,"scope":"orders:read"}`))
	return h + "." + p + "." + g.from(alnum+"-_", 43)
}

func (g *Gen) ts() string { return g.clock.Format("2006-01-02T15:04:05.000Z07:00") }

// SecretKinds are the secret and PII lines of dirty inputs, used in turn.
var SecretKinds = []SecretKind{
	{"bearer", func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `time=%s level=debug msg="outgoing request" service=%s url=https://api.partner.example.net/v1/sync headers="Authorization: Bearer %s"`,
			g.ts(), pick(g, services...), g.from(alnum, 40))
	}},
	{"jwt", func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `{"time":"%s","level":"INFO","msg":"session established","request_id":"%s","assertion":"%s"}`,
			g.clock.Format(time.RFC3339Nano), g.uuid(), g.jwt())
	}},
	{"aws-key", func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `%s ERROR s3 upload failed: AccessDenied: User key AKIA%s is not authorized to perform s3:PutObject (request %s)`,
			g.clock.Format("2006/01/02 15:04:05"), g.from(b32, 16), g.hex(16))
	}},
	{"github", func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `time=%s level=warn msg="clone with embedded credential" repo=example/shop remote=%s`,
			g.ts(), g.githubToken("ghp_"))
	}},
	{"slack", func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `time=%s level=info msg="notifier configured" channel=#ops slack=xoxb-%d-%d-%s`,
			g.ts(), 1000000000+g.r.IntN(1e9), 1000000000+g.r.IntN(1e9), g.from(alnum, 24))
	}},
	{"stripe", func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `%s INFO  [main] c.e.billing.StripeConfig - using key sk_live_%s for account acct_%s`,
			g.clock.Format("2006-01-02 15:04:05,000"), g.from(alnum, 32), g.from(alnum, 16))
	}},
	{"acp", func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `time=%s level=debug msg="sdk init" sdk=acp-go/1.4.2 key=acp_%s`,
			g.ts(), g.from(alnum, 40))
	}},
	{"password", func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `time=%s level=debug msg="login attempt" user_id=%d password=%s remote_ip=%s`,
			g.ts(), 1+g.r.IntN(99999), g.from(alnum+"!#%", 14), g.ip())
	}},
	{"postgres-url", func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `%s DEBUG sql: connecting dsn=postgres://orders:%s@db-%d.internal:5432/orders?sslmode=require`,
			g.clock.Format("2006-01-02T15:04:05.000Z"), g.from(alnum, 18), 1+g.r.IntN(3))
	}},
	{"email", func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `%s - - [%s] "POST /api/v1/users/%d/invite HTTP/1.1" 201 87 "-" "Go-http-client/2.0" invitee=%s.%s@%s`,
			g.ip(), g.clock.Format("02/Jan/2006:15:04:05 -0700"), 1+g.r.IntN(99999),
			pick(g, "jane", "omar", "li", "sofia", "ken"), pick(g, "doe", "haddad", "wei", "rossi", "sato"), pick(g, "gmail.com", "example.org", "corp.example.com"))
	}},
	{"card", func(g *Gen, b []byte) []byte {
		return fmt.Appendf(b, `{"time":"%s","level":"WARN","msg":"payment declined","order":"%s","card":"%s","reason":"insufficient_funds"}`,
			g.clock.Format(time.RFC3339Nano), g.uuid(), g.cardNumber())
	}},
}

// Inputs returns the named benchmark inputs. If the environment variable
// REDACT_CORPUS names a directory of *.log files, they form one more input,
// "corpus".
func Inputs() map[string][]byte {
	m := map[string][]byte{
		"clean4M":      Clean4M(),
		"dirty4M":      Dirty4M(),
		"json16K":      JSON16K(),
		"line200":      Line200,
		"line200dirty": Line200Dirty,
	}
	if dir := os.Getenv("REDACT_CORPUS"); dir != "" {
		if c, err := Corpus(dir); err == nil {
			m["corpus"] = c
		}
	}
	return m
}
