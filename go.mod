module github.com/aegisagent/redactor

go 1.26

require (
	github.com/andybalholm/brotli v1.3.0
	github.com/felixge/httpsnoop v1.1.0
	github.com/go-chi/chi/v5 v5.5.0
	github.com/klauspost/compress v1.20.4
	github.com/samber/slog-multi v1.7.1
)

require (
	github.com/samber/lo v1.52.0 // indirect
	github.com/samber/slog-common v0.20.0 // indirect
	golang.org/x/text v0.22.0 // indirect
)
