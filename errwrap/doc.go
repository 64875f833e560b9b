// Package errwrap turns errors into errors that are safe to show a client,
// while the original stays available to the service and, redacted, to
// its logs.
//
// Errors are the most common leak path: a Postgres unique violation's
// Detail quotes the duplicate row value, MySQL puts it in the message, pgx
// encode errors print arguments, *url.Error carries the full URL with its
// query, strconv and encoding/json errors echo the input. Wrap classifies
// an error from its typed fields only, never from its text.
//
// # Quick start
//
//	if err := store.CreateUser(ctx, u); err != nil {
//		slog.Error("create user", "err", errwrap.Wrap(err)) // operator view, redacted
//		errwrap.Write(w, r, err)                          // RFC 9457 problem+json
//		return
//	}
package errwrap
