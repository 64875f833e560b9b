// Package middleware keeps secrets and personal data out of HTTP
// responses and access logs. [OutputFilter] is a chi middleware (it works
// with any net/http handler) that redacts every response body with a
// [redact.Redactor] as it streams; [RequestLogger] writes access logs with
// credentials removed from URLs and headers.
//
// Body filters in other gateways fail open exactly where real traffic is
// hard: compressed or oversized bodies are skipped, a secret split across
// two writes is missed, JSON is broken, Flush or Hijack is lost. This one
// filters every byte path, fails closed, and leaves every byte it does
// not redact as it was.
//
// # What each content type gets
//
//	Content-Type                               path
//	application/json, */*+json                 structural JSON redaction; stays valid JSON; streamed past 256 KiB
//	application/x-ndjson, ndjson, jsonl        the same, line by line, streamed
//	text/event-stream                          event by event, flushed at each event's blank line
//	text/*, */*+xml, application/xml, form,    streamed text redaction (redact.Writer)
//	  missing or unknown types
//	image/*, audio/*, video/*, font/*,         untouched (see WithFilterTypes, WithPassThroughTypes)
//	  application/octet-stream, grpc, pdf,
//	  zip, gzip, zstd, protobuf, wasm
//
// A body labelled JSON is redacted with Redactor.JSONUnchecked: a handler
// that says JSON means JSON, so only the tokens in which a rule's anchor
// occurs are parsed, not the whole document (on valid JSON the result is
// exactly Redactor.JSON's). Where the bytes around an anchor are not JSON,
// the body is redacted as text: as safe as the text path, and a body that
// was not JSON cannot be made invalid. Invalid JSON away from every
// anchor is sent as it came. The data of a server-sent event
// goes through the JSON redaction too, which falls back to text when the
// data is not JSON; its other lines (comments, id, event, unknown fields)
// go through the text patterns together, so a key spread over several
// comment lines is still one match. The text path does not decode JSON's
// \u escapes: a JSON body sent without a JSON type, or one that does not
// parse, is only as safe as its text (see redact.Redactor.Bytes).
//
// # Bounded memory
//
// Per response the filter holds at most: for text, redact.Writer's window
// (about 100 KiB, whatever the body size) plus one 32 KiB copy buffer; for
// JSON, the document while it is under 256 KiB (it is then redacted whole,
// with an exact Content-Length), after that the streaming JSONWriter's
// current string (routes with allowed JSON paths buffer the document, up to
// WithMaxJSON, default 8 MiB); for NDJSON, one line, up to WithMaxJSON; for server-sent events, one event, up to
// WithMaxEvent (default 1 MiB). A compressed body adds its decoder's
// window (gzip/deflate 32 KiB, zstd at most 8 MiB, brotli at most 16 MiB
// as the stream declares) and an encoder. Past a cap the response fails
// closed; nothing is ever passed through unfiltered because it is large.
//
// Bytes leave as soon as no match can include them: text is written
// through as it comes, minus a tail of a few hundred bytes that a secret
// could still continue (the first 4 KiB of a response wait with its
// headers, as net/http's own buffer would hold them, unless flushed); a handler's Flush also releases a held complete
// line (see redact.Writer.Release). A Flush is a network flush, not a
// boundary: a secret written across it is still caught.
//
// # Every byte path
//
// The wrapper has exactly the optional interfaces of the writer it wraps
// (http.Flusher, http.Hijacker, io.ReaderFrom, io.StringWriter, deadlines,
// full duplex, http.Pusher) and an Unwrap method for
// http.ResponseController. For net/http's own HTTP/1 and HTTP/2 writers it
// is a type of the filter's, allocated with it; any other writer is
// wrapped with httpsnoop. Write, WriteString and ReadFrom
// (io.Copy) all go through the filter; only a body that passes untouched
// uses the inner writer's ReadFrom (sendfile). The wrapper's own Flush and
// FlushError drain the filter first, so ResponseController.Flush stops at
// them; it follows Unwrap only for methods the wrapper lacks, which the
// inner writer lacks too. Unwrap does hand out the raw writer: code that
// writes to an unwrapped writer bypasses the filter, so don't.
//
// # Compression
//
// A Content-Encoding of gzip (x-gzip), deflate (zlib, or raw deflate), br
// or zstd is decoded, redacted and re-encoded with the same coding
// (WithIdentity sends it decoded instead); a Flush is a sync flush through
// the encoder, so compressed streams still stream. Any other coding, or
// stacked codings, fail closed.
//
// Place the filter inside chi's middleware.Compress, that is, register
// Compress first:
//
//	r.Use(chimw.Compress(5))             // outer: compresses what the filter wrote
//	r.Use(middleware.OutputFilter(red))  // inner: sees the handler's plain bytes
//
// The filter then reads identity bytes and nothing is compressed twice;
// compressing after redaction also keeps secrets out of what a BREACH
// style attack could probe. The other order is safe too, only slower:
// the filter sees Compress's Content-Encoding and decodes and re-encodes.
// Upstream bodies proxied with their own Content-Encoding are handled the
// same way.
//
// # Headers and status
//
// Content-Length is removed from streamed bodies (and recomputed for a
// buffered JSON body); the handler's declared length is still enforced
// as net/http would: bytes past it are refused (http.ErrContentLength),
// and a body that ends short fails closed (ErrShortBody) rather than
// reach the client looking whole. A strong ETag becomes weak and Content-MD5, Digest,
// Content-Digest and Repr-Digest are dropped when the body may have
// changed (for buffered JSON, only when it did); Accept-Ranges is
// removed. 1xx responses (other than 101) pass through; 204, 304 and HEAD
// get no body processing, their validators treated as the GET's would be.
// WriteHeader is idempotent: the first call wins. A 206 of a filtered type
// fails closed unless WithRangePassThrough. Location, Content-Location
// and Refresh are redacted as URLs (RedactURL), and in a redirect's text
// body (http.Redirect repeats the URL there as a link) a value they lose
// whole (an OAuth "code", a CAS "ticket": credentials in a URL, words to
// the body's patterns) is masked too, decoded or as written, also
// query- or HTML-escaped, where it stands as a word of at least 8 bytes;
// a few text headers by pattern (WithHeaders); Set-Cookie only with WithSetCookie; trailers
// (declared or with http.TrailerPrefix) by pattern, or whole under a
// secret name.
//
// The filter sends the headers late (with the first output byte), but
// they are the headers as they stood at WriteHeader or the first Write:
// what the handler changes after that is dropped, as net/http drops it,
// so a Content-Encoding or a Location set too late cannot slip through.
// Header keys set in a non-canonical case are merged into the canonical
// key first, for a 1xx too. Content-Type values that disagree
// (image/png, then text/plain) get the text path: a client may use
// either. A body of a filtered type that starts with the gzip or zstd
// magic number but declares no encoding fails closed: a client could
// still decode what the patterns cannot see. HEAD responses of filtered
// types carry no Content-Length (the handler's bytes are not counted).
//
// # Failing closed
//
// When a response cannot be redacted (undecodable or truncated
// compression, a JSON document, NDJSON line or event over its cap, in
// one write or many, an unknown coding, a refused range, a body short of
// its declared length), a response whose headers are not yet sent becomes a
// generic 502 with no byte of the original; one already streaming is
// aborted by panicking with http.ErrAbortHandler when the handler
// returns, so the client sees a broken transfer (HTTP/1.1: the connection
// closes without the last chunk; HTTP/2: the stream is reset), never a
// body that looks complete. Writes after the failure return
// ErrFailedClosed. Headers are sent lazily, with the first 4 KiB of output
// (as net/http itself holds the start of a body), a Flush, or the end of
// the handler, so most failures still get the clean 502: a corrupt gzip
// body written in one piece does.
//
// # Per-route policy
//
// AllowRoute exempts JSON paths of one route ("$.access_token" of POST
// /auth/token) or a whole route; everything else stays filtered. A
// hijacked connection (websockets) leaves the filter's path, so Hijack is
// refused with ErrUpgradeDenied unless WithUpgrade allows it, for all
// upgrades or only for listed protocols.
//
// # Observability
//
// WithObserver receives a Report per response: route pattern, status,
// body path and the number of redactions per rule (never a value), or the
// reason it failed closed. WithCountHeader adds the total as a header (a
// trailer when the body streams).
package middleware
