package errwrap_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aegisagent/redactor/errwrap"
	_ "github.com/aegisagent/redactor/errwrap/mysqlerr"
	_ "github.com/aegisagent/redactor/errwrap/pgxerr"
	_ "github.com/aegisagent/redactor/errwrap/pqerr"
	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/lib/pq"
)

// dbCase raises one real server error on rows holding planted values.
type dbCase struct {
	name    string
	run     func(ctx context.Context) error
	class   errwrap.Class
	status  int
	wantLog []string // substrings the operator log must contain
}

func runDBCases(t *testing.T, cases []dbCase, c canaries, check func(t *testing.T, err error)) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			orig := tc.run(ctx)
			if orig == nil {
				t.Fatal("statement succeeded; the case must raise a server error")
			}
			err := errwrap.Wrap(orig)
			var we *errwrap.Error
			if !errors.As(err, &we) {
				t.Fatalf("Wrap returned %T", err)
			}
			if we.Class() != tc.class || we.Status() != tc.status {
				t.Errorf("class, status = %s, %d; want %s, %d (original: %v)", we.Class(), we.Status(), tc.class, tc.status, orig)
			}
			if !errors.Is(err, orig) {
				t.Error("errors.Is no longer reaches the original")
			}
			log := assertNoCanary(t, err, c.all()...)
			for _, w := range tc.wantLog {
				if !strings.Contains(log, w) {
					t.Errorf("operator log lacks %q:\n%s", w, log)
				}
			}
			if check != nil {
				check(t, err)
			}
			if testing.Verbose() {
				t.Logf("original: %v\nclient:   %v\nlog:      %s", orig, err, log)
			}
		})
	}
}

func envOrSkip(t *testing.T, name, example string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Skipf("set %s (e.g. %s) to run against a real server; .ci/run sets it", name, example)
	}
	return v
}

func uniqueName(prefix string) string {
	return fmt.Sprintf("%s_%d", prefix, time.Now().UnixNano())
}

// pgSchema creates the two tables every Postgres case uses and returns
// their names and the DDL cleanup.
func pgSchema(users, orders string) []string {
	return []string{
		fmt.Sprintf(`CREATE TABLE %s (id int PRIMARY KEY, email text UNIQUE NOT NULL, token text UNIQUE, password text UNIQUE, n int, code varchar(8))`, users),
		fmt.Sprintf(`CREATE TABLE %s (id int PRIMARY KEY, user_id int REFERENCES %s(id), note text CHECK (length(note) < 20))`, orders, users),
	}
}

func TestPostgresPgx(t *testing.T) {
	dsn := envOrSkip(t, "REDACTOR_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	// Make the server quote bind parameters in error context (Where), as
	// some deployments do, so the masks are tested against it.
	if _, err := conn.Exec(ctx, "SET log_parameter_max_length_on_error = -1"); err != nil {
		t.Fatalf("set: %v", err)
	}
	c := newCanaries(t)
	users, orders := uniqueName("errwrap_users"), uniqueName("errwrap_orders")
	for _, ddl := range pgSchema(users, orders) {
		if _, err := conn.Exec(ctx, ddl); err != nil {
			t.Fatalf("%s: %v", ddl, err)
		}
	}
	t.Cleanup(func() { conn.Exec(ctx, "DROP TABLE IF EXISTS "+orders+", "+users) })
	if _, err := conn.Exec(ctx, "INSERT INTO "+users+" VALUES (1, $1, $2, $3, 1, 'ok')", c.Email, c.Token, c.Password); err != nil {
		t.Fatalf("seed: %v", err)
	}
	exec := func(sql string, args ...any) func(context.Context) error {
		return func(ctx context.Context) error { _, err := conn.Exec(ctx, sql, args...); return err }
	}
	cases := []dbCase{
		{"unique email", exec("INSERT INTO "+users+" (id, email) VALUES (2, $1)", c.Email),
			errwrap.ClassUniqueViolation, 409, []string{`Key (email)=([REDACTED:email]) already exists`, `"sqlstate":"23505"`, `"constraint":"` + users + `_email_key"`}},
		{"unique token", exec("INSERT INTO "+users+" (id, email, token) VALUES (2, 'x@example.org', $1)", c.Token),
			errwrap.ClassUniqueViolation, 409, []string{`Key (token)=([REDACTED:github-token])`}},
		{"unique password", exec("INSERT INTO "+users+" (id, email, password) VALUES (2, 'y@example.org', $1)", c.Password),
			errwrap.ClassUniqueViolation, 409, []string{`Key (password)=([REDACTED:keyed-secret])`}},
		{"not null", exec("INSERT INTO "+users+" (id, email, token, password) VALUES (3, NULL, $1, $2)", c.Token+"x", c.Password+"x"),
			errwrap.ClassNotNullViolation, 422, []string{`Failing row contains (`, `"column":"email"`}},
		{"foreign key", exec("INSERT INTO " + orders + " VALUES (1, 4242, 'ok')"),
			errwrap.ClassForeignKeyViolation, 409, []string{`Key (user_id)=([REDACTED:keyed-secret]) is not present`}},
		{"check", exec("INSERT INTO "+orders+" VALUES (1, 1, $1)", c.Password+c.Token),
			errwrap.ClassCheckViolation, 422, []string{`Failing row contains (`}},
		{"invalid text server-side", exec("UPDATE "+users+" SET n = $1::text::int", c.Password),
			errwrap.ClassInvalidTextRepresentation, 422, []string{`invalid input syntax for type integer: \"[REDACTED:keyed-secret]\"`}},
		{"out of range", exec("SELECT $1::text::int", "4111111111111111"),
			errwrap.ClassNumericValueOutOfRange, 422, []string{`value \"[REDACTED:card]\" is out of range`}},
		{"json token", exec("SELECT $1::text::json", c.Password),
			errwrap.ClassInvalidTextRepresentation, 422, []string{`Token \"[REDACTED:keyed-secret]\" is invalid`, `"where":"JSON data, line 1: [REDACTED:value]\n`}},
		{"encode error client-side", exec("UPDATE "+users+" SET n = $1", struct{ S string }{c.Password}),
			errwrap.ClassInternal, 500, []string{`failed to encode args[0]`}},
		{"string too long", exec("UPDATE "+users+" SET code = $1", c.Token),
			errwrap.ClassStringDataRightTruncation, 422, nil},
		{"no rows", func(ctx context.Context) error {
			var s string
			return conn.QueryRow(ctx, "SELECT email FROM "+users+" WHERE id = 99").Scan(&s)
		}, errwrap.ClassNotFound, 404, nil},
		{"scan into int", func(ctx context.Context) error {
			var n int
			return conn.QueryRow(ctx, "SELECT password FROM "+users+" WHERE id = 1").Scan(&n)
		}, errwrap.ClassInternal, 500, nil},
	}
	runDBCases(t, cases, c, func(t *testing.T, err error) {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "" {
			t.Error("errors.As reached a PgError without a code")
		}
	})
}

// TestPostgresConnectError: pgx's connect error names the user and the
// database; the client sees only connection_exception.
func TestPostgresConnectError(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c := newCanaries(t)
	user := strings.ReplaceAll(strings.TrimSuffix(c.Email, "@example.com"), ".", "_")
	_, orig := pgx.Connect(ctx, "postgres://"+user+":"+c.Password+"@127.0.0.1:1/db_"+user+"?sslmode=disable")
	if orig == nil {
		t.Fatal("connected to port 1")
	}
	err := errwrap.Wrap(orig)
	var we *errwrap.Error
	if !errors.As(err, &we) || we.Class() != errwrap.ClassConnectionException || we.Status() != 503 {
		t.Errorf("Wrap(%v) = %v", orig, err)
	}
	assertNoCanary(t, err, c.Password)
	for name, s := range clientForms(t, err) {
		if strings.Contains(s, user) {
			t.Errorf("%s names the database user: %s", name, s)
		}
	}
}

func openSQL(t *testing.T, driver, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if err := db.Ping(); err != nil {
		t.Fatalf("ping %s: %v", driver, err)
	}
	return db
}

func sqlExec(db *sql.DB, q string, args ...any) func(context.Context) error {
	return func(ctx context.Context) error { _, err := db.ExecContext(ctx, q, args...); return err }
}

func TestPostgresLibPq(t *testing.T) {
	dsn := envOrSkip(t, "REDACTOR_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
	db := openSQL(t, "postgres", dsn)
	c := newCanaries(t)
	users, orders := uniqueName("errwrap_pq_users"), uniqueName("errwrap_pq_orders")
	for _, ddl := range pgSchema(users, orders) {
		if _, err := db.Exec(ddl); err != nil {
			t.Fatalf("%s: %v", ddl, err)
		}
	}
	t.Cleanup(func() { db.Exec("DROP TABLE IF EXISTS " + orders + ", " + users) })
	if _, err := db.Exec("INSERT INTO "+users+" VALUES (1, $1, $2, $3, 1, 'ok')", c.Email, c.Token, c.Password); err != nil {
		t.Fatalf("seed: %v", err)
	}
	cases := []dbCase{
		{"unique email", sqlExec(db, "INSERT INTO "+users+" (id, email) VALUES (2, $1)", c.Email),
			errwrap.ClassUniqueViolation, 409, []string{`Key (email)=([REDACTED:email]) already exists`, `"constraint":"` + users + `_email_key"`}},
		{"unique token", sqlExec(db, "INSERT INTO "+users+" (id, email, token) VALUES (2, 'x@example.org', $1)", c.Token),
			errwrap.ClassUniqueViolation, 409, []string{`Key (token)=([REDACTED:github-token])`}},
		{"unique password", sqlExec(db, "INSERT INTO "+users+" (id, email, password) VALUES (2, 'y@example.org', $1)", c.Password),
			errwrap.ClassUniqueViolation, 409, []string{`Key (password)=([REDACTED:keyed-secret])`}},
		{"not null", sqlExec(db, "INSERT INTO "+users+" (id, email, token, password) VALUES (3, NULL, $1, $2)", c.Token+"x", c.Password+"x"),
			errwrap.ClassNotNullViolation, 422, []string{`Failing row contains (`}},
		{"foreign key", sqlExec(db, "INSERT INTO "+orders+" VALUES (1, 4242, 'ok')"),
			errwrap.ClassForeignKeyViolation, 409, []string{`is not present in table`}},
		{"invalid text", sqlExec(db, "UPDATE "+users+" SET n = $1", c.Password),
			errwrap.ClassInvalidTextRepresentation, 422, []string{`invalid input syntax for type integer: \"[REDACTED:keyed-secret]\"`}},
		{"string too long", sqlExec(db, "UPDATE "+users+" SET code = $1", c.Token),
			errwrap.ClassStringDataRightTruncation, 422, nil},
		{"no rows", func(ctx context.Context) error {
			var s string
			return db.QueryRowContext(ctx, "SELECT email FROM "+users+" WHERE id = 99").Scan(&s)
		}, errwrap.ClassNotFound, 404, nil},
		{"scan password into int", func(ctx context.Context) error {
			var n int
			return db.QueryRowContext(ctx, "SELECT password FROM "+users+" WHERE id = 1").Scan(&n)
		}, errwrap.ClassScanError, 500, []string{`driver.Value type string (\"[REDACTED:keyed-secret]\") to a int`}},
		{"tx done", func(ctx context.Context) error {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				return nil
			}
			tx.Rollback()
			return tx.Commit()
		}, errwrap.ClassTxDone, 500, nil},
	}
	runDBCases(t, cases, c, func(t *testing.T, err error) {
		var pe *pq.Error
		if errors.As(err, &pe) && pe.Code == "" {
			t.Error("errors.As reached a pq.Error without a code")
		}
	})
}

func TestMariaDB(t *testing.T) {
	dsn := envOrSkip(t, "REDACTOR_TEST_MYSQL", "root@tcp(127.0.0.1:3306)/test")
	db := openSQL(t, "mysql", dsn)
	c := newCanaries(t)
	users, orders := uniqueName("errwrap_my_users"), uniqueName("errwrap_my_orders")
	for _, ddl := range []string{
		`CREATE TABLE ` + users + ` (id int PRIMARY KEY, email varchar(100) NOT NULL UNIQUE, token varchar(100) UNIQUE, password varchar(100) UNIQUE, n int, code varchar(8)) ENGINE=InnoDB`,
		`CREATE TABLE ` + orders + ` (id int PRIMARY KEY, user_id int, note varchar(100), FOREIGN KEY (user_id) REFERENCES ` + users + `(id), CHECK (char_length(note) < 20)) ENGINE=InnoDB`,
	} {
		if _, err := db.Exec(ddl); err != nil {
			t.Fatalf("%s: %v", ddl, err)
		}
	}
	t.Cleanup(func() { db.Exec("DROP TABLE IF EXISTS " + orders + ", " + users) })
	if _, err := db.Exec("SET SESSION sql_mode = 'STRICT_ALL_TABLES'"); err != nil {
		t.Fatalf("sql_mode: %v", err)
	}
	if _, err := db.Exec("INSERT INTO "+users+" VALUES (1, ?, ?, ?, 1, 'ok')", c.Email, c.Token, c.Password); err != nil {
		t.Fatalf("seed: %v", err)
	}
	cases := []dbCase{
		{"duplicate email", sqlExec(db, "INSERT INTO "+users+" (id, email) VALUES (2, ?)", c.Email),
			errwrap.ClassUniqueViolation, 409, []string{`Duplicate entry '[REDACTED:email]' for key`, `"mysql_number":1062`}},
		{"duplicate token", sqlExec(db, "INSERT INTO "+users+" (id, email, token) VALUES (2, 'x@example.org', ?)", c.Token),
			errwrap.ClassUniqueViolation, 409, []string{`Duplicate entry '[REDACTED:github-token]' for key`}},
		{"duplicate password", sqlExec(db, "INSERT INTO "+users+" (id, email, password) VALUES (2, 'y@example.org', ?)", c.Password),
			errwrap.ClassUniqueViolation, 409, []string{`Duplicate entry '[REDACTED:keyed-secret]' for key`}},
		{"not null", sqlExec(db, "INSERT INTO "+users+" (id, email, token) VALUES (3, NULL, ?)", c.Token+"x"),
			errwrap.ClassNotNullViolation, 422, []string{`"mysql_number":1048`}},
		{"foreign key", sqlExec(db, "INSERT INTO "+orders+" VALUES (1, 4242, 'ok')"),
			errwrap.ClassForeignKeyViolation, 409, []string{`"mysql_number":1452`}},
		{"check", sqlExec(db, "INSERT INTO "+orders+" VALUES (1, 1, ?)", c.Password+c.Token),
			errwrap.ClassCheckViolation, 422, []string{`"mysql_number":4025`}},
		{"incorrect integer", sqlExec(db, "UPDATE "+users+" SET n = ?", c.Password),
			errwrap.ClassInvalidTextRepresentation, 422, []string{`value: '[REDACTED:keyed-secret]' for column`}},
		{"data too long", sqlExec(db, "UPDATE "+users+" SET code = ?", c.Token),
			errwrap.ClassStringDataRightTruncation, 422, []string{`"mysql_number":1406`}},
		{"scan password into int", func(ctx context.Context) error {
			var n int
			return db.QueryRowContext(ctx, "SELECT password FROM "+users+" WHERE id = 1").Scan(&n)
		}, errwrap.ClassScanError, 500, []string{`driver.Value type []uint8 (\"[REDACTED:keyed-secret]\") to a int`}},
		{"no rows", func(ctx context.Context) error {
			var s string
			return db.QueryRowContext(ctx, "SELECT email FROM "+users+" WHERE id = 99").Scan(&s)
		}, errwrap.ClassNotFound, 404, nil},
	}
	runDBCases(t, cases, c, func(t *testing.T, err error) {
		var me *mysql.MySQLError
		if errors.As(err, &me) && me.Number == 0 {
			t.Error("errors.As reached a MySQLError without a number")
		}
	})
}
