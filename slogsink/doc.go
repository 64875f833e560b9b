// Package slogsink is the safety net under a service's log/slog calls: a
// slog.Handler that redacts every record with a [redact.Redactor] before
// passing it on to the real handler.
//
// Application code is not supposed to log secrets, and does anyway: a
// request struct with a Password field, logger.With("token", t), an error
// whose text carries a DSN, a message built with fmt.Sprintf. Install the
// handler once, where the logger is built:
//
//	h := slogsink.NewHandler(slog.NewJSONHandler(os.Stdout, nil), redact.Default())
//	slog.SetDefault(slog.New(h))
//
// or, with github.com/samber/slog-multi, as a middleware in front of one
// sink or a fan-out:
//
//	h := slogmulti.Pipe(slogsink.Middleware(r)).Handler(slogmulti.Fanout(a, b))
//
// # What is redacted
//
//   - An attribute whose key is a secret key for the Redactor
//     ([redact.Redactor.IsSecretKey]: password, db.password, apiKey,
//     X-Api-Key, client_secret …, but not token_type or max_tokens), or for
//     [WithSecretKeys], at any depth of groups: its whole value, whatever
//     its kind, becomes [redact.Redactor.SecretValue] of its printed form.
//     A group or struct under such a key becomes one string, even when its
//     printed form looks like a placeholder ("{sk_live_…}" is a struct's
//     braces; see [redact.Redactor.SecretText]).
//   - The message and every string value, through the Redactor's patterns
//     (tokens, JWTs, URLs with credentials, personal data). A value is
//     read with its key as context, as inside JSON
//     ([redact.Redactor.KeyedString]): "ssn"="123456789" and "pin"="4821"
//     are redacted, the same digits under "order" are not. The key of a
//     struct field is its JSON name, of a map entry its key; a list's
//     elements read their list's key.
//   - Attributes added with Logger.With, in and out of WithGroup: redacted
//     once, in WithAttrs, not on every record.
//   - slog.LogValuer values: resolved first (at every level), then redacted.
//   - Values passed with slog.Any: an error by its Error() text (and, as
//     JSONHandler prints them, by its MarshalJSON, or its fields when it
//     is inside a struct, map or list; a secret there makes the error its
//     clean Error() text); []byte by
//     its bytes (kept a []byte); a value with MarshalText, MarshalJSON or
//     String by what those return, since that is what the sinks print; and
//     structs, maps, slices and pointers by reflection. A struct field is
//     replaced whole when its name or JSON name is a secret key or it is
//     tagged `redact:"true"`; a map entry when its key is one; everything
//     else goes through the patterns. Unexported fields are examined too
//     (TextHandler prints them with %+v) but never printed by a
//     replacement, so they cannot be blanked or exposed by accident.
//
// A value that needs no change reaches the sink as it was: the same
// string, the same struct pointer, the same error. Only a changed value is
// replaced: by a string, or, for a struct or map, by a group of its
// exported fields (JSON names, keys sorted for maps), or, for a slice, by a
// list. The record's time, level and source position (PC) are kept as they
// are.
//
// Integers of twelve digits or more are scanned as their decimal text, so
// a card number logged as an int64 is caught (it becomes a string); so are
// integers of four digits or more that have a key, which may make them PII
// ("otp": 592014, "ssn": 123456789). Not redacted: smaller integers (no
// built-in rule matches a bare run of fewer digits, but a short numeric
// known secret or custom rule is not looked for in them), floats,
// booleans, times and durations unless their key is secret; attribute
// keys themselves; and the keys listed with [WithSkipKeys].
//
// # Failures and bounds
//
// Redaction fails closed. A panic in a String, Error, MarshalText,
// MarshalJSON or LogValue method, or in the walk, is recovered and the
// attribute's value is replaced by [FailedText] (or, with [DropFailed], the
// record is dropped). A value passed with slog.Any is walked at most eight
// containers deep, and a chain of LogValuers is resolved at most eight
// times, and a chain of pointers and interfaces is followed at most 64
// hops; anything deeper, a cycle included, is replaced by
// "[REDACTED:too-deep]". Nothing is retained between records.
//
// # What costs what
//
// Handle first looks at every attribute without copying anything. A record
// with nothing to redact is passed on as it is, so its cost is one scan of
// the message, of each string value and of each integer of twelve digits
// or more, or of four with a key (formatted into a pooled buffer), and no allocation at all when the
// attributes are strings, numbers, booleans, times, durations or groups of
// those. An attribute key is judged once and its answer kept in a small
// cache (at most 256 tiny allocations per handler, ever), so a literal key
// costs a hash and a compare. The rest costs allocations:
//
//   - a record with something to redact: a new slog.Record (one
//     allocation beyond the five attributes a Record holds inline), plus
//     each replacement string;
//   - a LogValuer: its LogValue call, plus a new Record, since the
//     resolved value is passed on so that the sink does not call LogValue
//     again and get something else;
//   - an error, Stringer or TextMarshaler: whatever Error, String or
//     MarshalText allocate (the text is scanned, then dropped);
//   - a struct, map or slice: a reflection walk that boxes each field;
//   - WithAttrs: the attributes are copied only if one changes; the cost is
//     paid once per Logger.With, not per record;
//   - [WithReport]: one more scan of each redacted string, to name the
//     rules; nothing for clean records.
//
// # Logger.With and the samber/slog-multi#24 trap
//
// Built-in handlers pre-format the attributes given to WithAttrs, so a
// middleware that only rewrites records in Handle (one built with
// slogmulti.NewHandleInlineMiddleware, say) never sees
// logger.With("password", p): it goes straight to the sink. This handler
// implements WithAttrs itself, redacts the attributes there, and wraps
// next.WithAttrs of the result; WithGroup is tracked the same way, so
// nothing added to a logger bypasses it.
package slogsink
