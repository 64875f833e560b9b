module github.com/aegisagent/redactor/bench

go 1.26.0

replace github.com/aegisagent/redactor => ../

require (
	github.com/BobuSumisu/aho-corasick v1.0.3
	github.com/aegisagent/redactor v0.0.0-00010101000000-000000000000
	github.com/cloudflare/ahocorasick v0.0.0-20240916140611-054963ec9396
	github.com/coregx/ahocorasick v0.3.1
	github.com/petar-dambovaliev/aho-corasick v0.0.0-20250424160509-463d218d4745
)

require (
	github.com/m-mizutani/masq v0.1.10
	github.com/samber/lo v1.52.0 // indirect
	github.com/samber/slog-common v0.20.0 // indirect
	github.com/samber/slog-multi v1.7.1 // indirect
	golang.org/x/text v0.43.0 // indirect
)
