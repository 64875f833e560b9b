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
