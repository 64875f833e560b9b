// Package pgxerr teaches errwrap the typed fields of pgx's *pgconn.PgError
// (constraint, table, column, and Detail for the operator view). Importing
// it, even blank, registers the adapter:
//
//	import _ "github.com/aegisagent/redactor/errwrap/pgxerr"
//
// Without it errwrap still classifies pgx errors through their SQLState
// method; only the schema names and the Detail in logs are missing.
package pgxerr

import (
	"errors"

	"github.com/aegisagent/redactor/errwrap"
	"github.com/jackc/pgx/v5/pgconn"
)

func init() { errwrap.Register(Adapter{}) }

// Adapter reads *pgconn.PgError. It is registered by init; pass it with
// errwrap.WithAdapters to put it ahead of other registered adapters.
type Adapter struct{}

// Adapt reports the facts of the first *pgconn.PgError in err's chain. A
// *pgconn.ConnectError (whose text names the user and database) without a
// server error inside is a connection_exception.
func (Adapter) Adapt(err error) (errwrap.Facts, bool) {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		var ce *pgconn.ConnectError
		if errors.As(err, &ce) {
			return errwrap.Facts{Class: errwrap.ClassConnectionException}, true
		}
		return errwrap.Facts{}, false
	}
	return errwrap.Facts{
		SQLState:   pe.Code,
		Schema:     pe.SchemaName,
		Table:      pe.TableName,
		Column:     pe.ColumnName,
		Constraint: pe.ConstraintName,
		DataType:   pe.DataTypeName,
		Severity:   pe.Severity,
		Message:    pe.Message,
		Detail:     pe.Detail,
		Hint:       pe.Hint,
		Where:      pe.Where,
	}, true
}
