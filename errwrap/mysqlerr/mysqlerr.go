// Package mysqlerr teaches errwrap go-sql-driver/mysql's *mysql.MySQLError,
// whose class lives in its Number field (MySQL errors have no SQLState
// method, and many share SQLSTATE HY000 or 23000). Importing it, even
// blank, registers the adapter:
//
//	import _ "github.com/aegisagent/redactor/errwrap/mysqlerr"
//
// Without it MySQL errors are ClassInternal: safe, but not specific.
package mysqlerr

import (
	"errors"

	"github.com/aegisagent/redactor/errwrap"
	"github.com/go-sql-driver/mysql"
)

func init() { errwrap.Register(Adapter{}) }

// Adapter reads *mysql.MySQLError. It is registered by init; pass it with
// errwrap.WithAdapters to put it ahead of other registered adapters.
type Adapter struct{}

// Adapt reports the facts of the first *mysql.MySQLError in err's chain.
// The Message (which quotes duplicate and rejected values) goes only to
// the operator view, where errwrap masks those values. The driver's
// mysql.ErrInvalidConn (a broken connection) is a connection_exception.
func (Adapter) Adapt(err error) (errwrap.Facts, bool) {
	var me *mysql.MySQLError
	if !errors.As(err, &me) {
		if errors.Is(err, mysql.ErrInvalidConn) {
			return errwrap.Facts{Class: errwrap.ClassConnectionException}, true
		}
		return errwrap.Facts{}, false
	}
	f := errwrap.Facts{MySQLNumber: int(me.Number), Message: me.Message}
	if me.SQLState != [5]byte{} {
		f.SQLState = string(me.SQLState[:])
	}
	return f, true
}
