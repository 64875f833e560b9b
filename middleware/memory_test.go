package middleware_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aegisagent/redactor/middleware"
	"github.com/aegisagent/redactor/redact"
)

// liveHeap returns the bytes of heap the last garbage collection found
// reachable.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// genReader produces n bytes of log lines, every 64th carrying an AWS key,
// without ever holding more than one line.
type genReader struct {
	n, line int64
	buf     []byte
	secrets int
}

func (g *genReader) Read(p []byte) (int, error) {
	if g.n <= 0 {
		return 0, io.EOF
	}
	written := 0
	for written < len(p) && g.n > 0 {
		if len(g.buf) == 0 {
			g.line++
			// A cheap line number: the generator must not dominate the
			// profile of what it measures.
			g.buf = strconv.AppendInt(g.buf[:0], 10000000+g.line, 10)
			if g.line%64 == 0 {
				g.buf = append(g.buf, " worker 3 uploaded with key "+awsKey+" ok\n"...)
				g.secrets++
			} else {
				g.buf = append(g.buf, " worker 3 processed batch of 512 items in 12ms\n"...)
			}
		}
		k := copy(p[written:], g.buf)
		if int64(k) > g.n {
			k = int(g.n)
		}
		g.buf = g.buf[k:]
		written += k
		g.n -= int64(k)
	}
	return written, nil
}

// TestBoundedMemory streams a large text response through the filter
// (generated, not stored) and samples the live heap while it flows:
// memory stays flat however large the body. 64 MiB always; 1 GiB unless
// -short (it takes 10-40 s on the shared 2-core machine) or -race.
//
// Live means what the garbage collector last found reachable
// (/gc/heap/live:bytes), and once, halfway, what a forced collection
// leaves. The allocated heap also counts garbage not yet collected, which
// grows when the collector gets little CPU: in CI, with other packages'
// tests running beside it, it once peaked at 18 MiB where the live heap
// stays at a few.
func TestBoundedMemory(t *testing.T) {
	sizes := []int64{64 << 20}
	if !testing.Short() && !raceEnabled {
		sizes = append(sizes, 1<<30)
	}
	for _, size := range sizes {
		t.Run(strconv.FormatInt(size>>20, 10)+"MiB", func(t *testing.T) {
			var planted atomic.Int64
			h := middleware.OutputFilter(redact.Default())(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				g := &genReader{n: size}
				if _, err := io.Copy(w, g); err != nil {
					t.Errorf("copy: %v", err)
				}
				planted.Store(int64(g.secrets))
			}))
			srv := httptest.NewServer(h)
			defer srv.Close()

			runtime.GC()
			base := liveHeap()
			var peak atomic.Uint64
			record := func(v uint64) {
				if v > peak.Load() {
					peak.Store(v)
				}
			}
			stop := make(chan struct{})
			done := make(chan struct{})
			go func() {
				defer close(done)
				tick := time.NewTicker(20 * time.Millisecond)
				defer tick.Stop()
				for {
					select {
					case <-stop:
						return
					case <-tick.C:
						record(liveHeap())
					}
				}
			}()

			start := time.Now()
			resp, err := srv.Client().Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			var total int64
			redacted := 0
			marker := []byte("[REDACTED:aws-access-key-id]")
			buf := make([]byte, 64<<10)
			var tail []byte
			for {
				n, err := resp.Body.Read(buf)
				chunk := append(tail, buf[:n]...)
				if bytes.Contains(chunk, []byte(awsKey)) {
					t.Fatal("the planted key reached the client")
				}
				redacted += bytes.Count(chunk, marker)
				// Keep a tail shorter than the marker, so no marker is
				// counted twice and none is missed across reads.
				keep := min(len(chunk), len(marker)-1)
				tail = append(tail[:0], chunk[len(chunk)-keep:]...)
				if total < size/2 && total+int64(n) >= size/2 {
					runtime.GC() // halfway: what the filter holds now
					record(liveHeap())
				}
				total += int64(n)
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			resp.Body.Close()
			close(stop)
			<-done
			elapsed := time.Since(start)
			if int64(redacted) != planted.Load() || redacted == 0 {
				t.Fatalf("%d keys redacted, %d planted", redacted, planted.Load())
			}
			grow := int64(peak.Load()) - int64(base)
			t.Logf("%d MiB in %v (%.0f MiB/s); live heap peak %.1f MiB above the %.1f MiB baseline",
				size>>20, elapsed.Round(time.Millisecond), float64(total)/(1<<20)/elapsed.Seconds(),
				float64(grow)/(1<<20), float64(base)/(1<<20))
			if grow > 16<<20 {
				t.Fatalf("heap grew by %d MiB while streaming: not bounded", grow>>20)
			}
		})
	}
}
