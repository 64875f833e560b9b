package slogsink_test

import (
	"testing"

	"github.com/aegisagent/redactor/redact"
)

func BenchmarkMicro(b *testing.B) {
	r := redact.Default()
	b.Run("String/msg", func(b *testing.B) {
		for b.Loop() {
			_ = r.String("request served")
		}
	})
	b.Run("String/GET", func(b *testing.B) {
		for b.Loop() {
			_ = r.String("GET")
		}
	})
	b.Run("String/path", func(b *testing.B) {
		for b.Loop() {
			_ = r.String("/api/v1/orders/42")
		}
	})
	b.Run("IsSecretKey/method", func(b *testing.B) {
		for b.Loop() {
			_ = r.IsSecretKey("method")
		}
	})
	b.Run("IsSecretKey/elapsed", func(b *testing.B) {
		for b.Loop() {
			_ = r.IsSecretKey("elapsed")
		}
	})
}
