package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"time"
)

// The secrets the upstream leaks. They are planted on purpose; the test
// checks that none of them reaches a client or a log line.
const (
	plantedCard     = "4242 4242 4242 4242"
	plantedEmail    = "jane.doe@example.com"
	plantedPhone    = "+1 415 555 2671"
	plantedBearer   = "8f14e45fceea167a5a36dedd4bea2543"
	plantedUserKey  = "ak_live_7Hq2Lm9Kp4Wn7Vb3Jh"
	plantedStripe   = "sk_live_51HxQz2KjR8vLmNpQ7sT4uVwXyZ"
	plantedSlack    = "xoxb-2748123901-8812345678-Qw3Er5Ty7Ui9Op1As3Df5Gh"
	plantedDBPass   = "Rpt-s3cret-99"
	plantedAWSKeyID = "AKIAZ7VQ3KXJ4MPL2WQE"
)

// newUpstream returns the in-process upstream: a service that answers
// correctly and leaks everything it should not. Timestamps are fixed so
// that every response is the same on every run.
func newUpstream() http.Handler {
	mux := http.NewServeMux()

	// A user record straight from the database, with the card number,
	// contact data and the credentials of the user's last session.
	mux.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":%q,"name":"Jane Doe","email":%q,"phone":%q,`+
			`"card":{"number":%q,"exp":"12/29"},`+
			`"last_login":"2026-11-28T09:14:03Z",`+
			`"debug":{"authorization":"Bearer %s","api_key":%q,"token_type":"Bearer"}}`+"\n",
			r.PathValue("id"), plantedEmail, plantedPhone, plantedCard, plantedBearer, plantedUserKey)
	})

	// Server-sent events, flushed one by one; the third leaks a vendor key
	// from the upstream's own configuration.
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-cache")
		rc := http.NewResponseController(w)
		events := []string{
			"id: 1\nevent: status\ndata: {\"at\":\"2026-11-28T09:14:05Z\",\"state\":\"queued\"}\n\n",
			"id: 2\nevent: status\ndata: {\"at\":\"2026-11-28T09:14:06Z\",\"state\":\"charging\",\"amount\":129.90}\n\n",
			"id: 3\nevent: debug\ndata: retrying charge with key " + plantedStripe + "\n\n",
			"id: 4\nevent: status\ndata: {\"at\":\"2026-11-28T09:14:07Z\",\"state\":\"paid\"}\n\n",
		}
		for i, ev := range events {
			if i > 0 {
				select {
				case <-time.After(20 * time.Millisecond):
				case <-r.Context().Done():
					return
				}
			}
			io.WriteString(w, ev)
			rc.Flush()
		}
	})

	// A nightly report, always gzip-compressed whatever the client asked
	// for, with the connection settings of the job that built it.
	mux.HandleFunc("GET /report", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprintf(zw, "nightly report 2026-11-28\n"+
			"orders: 1834  refunds: 12  revenue: 48211.40 EUR\n"+
			"source: postgres://report:%s@db.internal:5432/reports\n"+
			"export: s3://acme-reports/2026-11-28.csv (key id %s)\n"+
			"notify: slack %s\n", plantedDBPass, plantedAWSKeyID, plantedSlack)
		zw.Close()
	})

	// A partner API that never answers in time.
	mux.HandleFunc("GET /v2/items", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	return mux
}
