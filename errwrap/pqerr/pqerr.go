// Package pqerr teaches errwrap the typed fields of lib/pq's *pq.Error
// (constraint, table, column, and Detail for the operator view). Importing
// it, even blank, registers the adapter:
//
//	import _ "github.com/aegisagent/redactor/errwrap/pqerr"
//
// Without it errwrap still classifies lib/pq errors through their SQLState
// method; only the schema names and the Detail in logs are missing.
package pqerr

import (
	"errors"

	"github.com/aegisagent/redactor/errwrap"
	"github.com/lib/pq"
)

func init() { errwrap.Register(Adapter{}) }

// Adapter reads *pq.Error. It is registered by init; pass it with
// errwrap.WithAdapters to put it ahead of other registered adapters.
type Adapter struct{}

// Adapt reports the facts of the first *pq.Error in err's chain. The
// query text pq keeps for ErrorWithDetail is never read.
func (Adapter) Adapt(err error) (errwrap.Facts, bool) {
	var pe *pq.Error
	if !errors.As(err, &pe) {
		return errwrap.Facts{}, false
	}
	return errwrap.Facts{
		SQLState:   string(pe.Code),
		Schema:     pe.Schema,
		Table:      pe.Table,
		Column:     pe.Column,
		Constraint: pe.Constraint,
		DataType:   pe.DataTypeName,
		Severity:   pe.Severity,
		Message:    pe.Message,
		Detail:     pe.Detail,
		Hint:       pe.Hint,
		Where:      pe.Where,
	}, true
}
