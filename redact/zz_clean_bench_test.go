package redact

import (
	"bytes"
	"fmt"
	"testing"
)

func cleanJSONx(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"data":[`)
	for i := 0; b.Len() < n-2; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"uuid":"6f1c2b7e-%04x-4c1d-9a2e-5b0c3d4e5f60","created_at":"2026-11-%02dT10:%02d:00Z",`+
			`"name":"item %d","status":"active","tags":["alpha","beta"],"token_type":"Bearer","max_tokens":%d,"price":%d.99}`,
			i, i, 1+i%28, i%60, i, 256+i, 10+i%90)
	}
	b.WriteString("]}")
	return b.Bytes()
}

func BenchmarkZZClean(b *testing.B) {
	r := Default()
	body := cleanJSONx(16 << 10)
	b.Run("JSON", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			r.JSON(body)
		}
	})
	b.Run("hitEnds", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		var h []int32
		var l [lanes][]int32
		for b.Loop() {
			h = r.m.hitEnds(body, h[:0], &l)
		}
		b.ReportMetric(float64(len(h)), "hits")
	})
	b.Run("Bytes", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			r.Bytes(body)
		}
	})
}

func BenchmarkZZMay(b *testing.B) {
	r := Default()
	var buf bytes.Buffer
	for buf.Len() < 4<<20 {
		buf.WriteString("2026-11-28 13:35:58 INFO server started handler=/api/v1/items status=200 dur=12ms user=alice region=eu-west\n")
	}
	body := buf.Bytes()
	b.Run("MayMatch", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if r.MayMatch(body) {
				b.Fatal("hit")
			}
		}
	})
	b.Run("firstMatch", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			r.m.firstMatch(body, root)
		}
	})
	b.Run("Bytes", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			r.Bytes(body)
		}
	})
}
