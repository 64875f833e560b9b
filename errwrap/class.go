package errwrap

// Class names what went wrong, in words a client may see. It is the
// "error_type" of the JSON form and the last segment of the problem "type".
// The set is closed on purpose: a client can switch on it, and nothing in it
// comes from the original error's text.
type Class string

// The classes Wrap produces. Their HTTP status, title and generic message
// are fixed in one table (see the package documentation), so the same
// failure always looks the same to a client, whatever driver raised it.
const (
	ClassInternal                     Class = "internal"
	ClassNotFound                     Class = "not_found"
	ClassUniqueViolation              Class = "unique_violation"
	ClassForeignKeyViolation          Class = "foreign_key_violation"
	ClassNotNullViolation             Class = "not_null_violation"
	ClassCheckViolation               Class = "check_violation"
	ClassIntegrityConstraintViolation Class = "integrity_constraint_violation"
	ClassInvalidTextRepresentation    Class = "invalid_text_representation"
	ClassStringDataRightTruncation    Class = "string_data_right_truncation"
	ClassNumericValueOutOfRange       Class = "numeric_value_out_of_range"
	ClassDataException                Class = "data_exception"
	ClassSerializationFailure         Class = "serialization_failure"
	ClassDeadlockDetected             Class = "deadlock_detected"
	ClassLockTimeout                  Class = "lock_timeout"
	ClassQueryCanceled                Class = "query_canceled"
	ClassConnectionException          Class = "connection_exception"
	ClassInsufficientResources        Class = "insufficient_resources"
	ClassSyntaxOrAccess               Class = "syntax_or_access"
	ClassDatabaseError                Class = "database_error"
	ClassTxDone                       Class = "tx_done"
	ClassScanError                    Class = "scan_error"
	ClassTimeout                      Class = "timeout"
	ClassCanceled                     Class = "canceled"
	ClassUpstreamTimeout              Class = "upstream_timeout"
	ClassUpstreamUnavailable          Class = "upstream_unavailable"
	ClassUpstreamError                Class = "upstream_error"
	ClassUpstreamStatus               Class = "upstream_status"
	ClassValidationFailed             Class = "validation_failed"
	ClassInvalidInput                 Class = "invalid_input"
	ClassMalformedBody                Class = "malformed_body"
	ClassBodyTooLarge                 Class = "body_too_large"
)

// StatusClientClosedRequest is the status for a request the client gave up
// on (context.Canceled). It is not in RFC 9110; 499 is the nginx and
// grpc-gateway convention, and nobody reads the body anyway.
const StatusClientClosedRequest = 499

type classInfo struct {
	status  int
	title   string
	message string
}

// classes is the one table of client-facing wording. Messages are fixed
// strings: they never say which value, row or host was involved.
var classes = map[Class]classInfo{
	ClassInternal:                     {500, "Internal Server Error", "the server could not complete the request"},
	ClassNotFound:                     {404, "Not Found", "the requested record does not exist"},
	ClassUniqueViolation:              {409, "Conflict", "the request conflicts with an existing record"},
	ClassForeignKeyViolation:          {409, "Conflict", "the request refers to a record that does not exist or is still in use"},
	ClassNotNullViolation:             {422, "Missing Value", "a required value is missing"},
	ClassCheckViolation:               {422, "Invalid Value", "a value is not allowed"},
	ClassIntegrityConstraintViolation: {409, "Conflict", "the request violates a data constraint"},
	ClassInvalidTextRepresentation:    {422, "Invalid Value", "a value has the wrong format"},
	ClassStringDataRightTruncation:    {422, "Value Too Long", "a value is too long"},
	ClassNumericValueOutOfRange:       {422, "Value Out Of Range", "a number is out of range"},
	ClassDataException:                {422, "Invalid Value", "a value is not valid"},
	ClassSerializationFailure:         {503, "Service Unavailable", "the request conflicted with a concurrent one; retry it"},
	ClassDeadlockDetected:             {503, "Service Unavailable", "the request conflicted with a concurrent one; retry it"},
	ClassLockTimeout:                  {503, "Service Unavailable", "the request waited too long for a lock; retry it"},
	ClassQueryCanceled:                {504, "Gateway Timeout", "the database did not answer in time"},
	ClassConnectionException:          {503, "Service Unavailable", "the database is unavailable"},
	ClassInsufficientResources:        {503, "Service Unavailable", "the database is out of resources"},
	ClassSyntaxOrAccess:               {500, "Internal Server Error", "the server could not complete the request"},
	ClassDatabaseError:                {500, "Internal Server Error", "the server could not complete the request"},
	ClassTxDone:                       {500, "Internal Server Error", "the server could not complete the request"},
	ClassScanError:                    {500, "Internal Server Error", "the server could not complete the request"},
	ClassTimeout:                      {504, "Gateway Timeout", "the request took too long"},
	ClassCanceled:                     {StatusClientClosedRequest, "Client Closed Request", "the request was canceled"},
	ClassUpstreamTimeout:              {504, "Gateway Timeout", "an upstream service did not answer in time"},
	ClassUpstreamUnavailable:          {502, "Bad Gateway", "an upstream service could not be reached"},
	ClassUpstreamError:                {502, "Bad Gateway", "an upstream request failed"},
	ClassUpstreamStatus:               {502, "Bad Gateway", "an upstream service returned an error"},
	ClassValidationFailed:             {422, "Unprocessable Content", "the request has invalid fields"},
	ClassInvalidInput:                 {400, "Bad Request", "the request has a value of the wrong type or format"},
	ClassMalformedBody:                {400, "Bad Request", "the request body is not well-formed"},
	ClassBodyTooLarge:                 {413, "Content Too Large", "the request body is too large"},
}

func (c Class) info() classInfo {
	if in, ok := classes[c]; ok {
		return in
	}
	return classes[ClassInternal]
}

// Status is the HTTP status a response for this class carries. Unknown
// classes answer 500, like ClassInternal.
func (c Class) Status() int { return c.info().status }

// Message is the generic, fixed sentence shown to clients for this class.
func (c Class) Message() string { return c.info().message }

// Title is the short RFC 9457 "title" for this class.
func (c Class) Title() string { return c.info().title }

// sqlStateClasses maps exact SQLSTATE codes (PostgreSQL's, which MySQL and
// MariaDB share for the common integrity cases) to a class.
var sqlStateClasses = map[string]Class{
	"23505": ClassUniqueViolation,
	"23502": ClassNotNullViolation,
	"23503": ClassForeignKeyViolation,
	"23514": ClassCheckViolation,
	"22P02": ClassInvalidTextRepresentation,
	"22007": ClassInvalidTextRepresentation, // invalid_datetime_format
	"22008": ClassInvalidTextRepresentation, // datetime_field_overflow
	"22001": ClassStringDataRightTruncation,
	"22003": ClassNumericValueOutOfRange,
	"40001": ClassSerializationFailure,
	"40P01": ClassDeadlockDetected,
	"55P03": ClassLockTimeout,
	"57014": ClassQueryCanceled,
	"HY000": ClassDatabaseError,
}

// sqlStatePrefixes maps SQLSTATE classes (the first two characters) for
// codes not listed exactly.
var sqlStatePrefixes = map[string]Class{
	"08": ClassConnectionException,
	"22": ClassDataException,
	"23": ClassIntegrityConstraintViolation,
	"28": ClassSyntaxOrAccess, // invalid authorization: our configuration, not the client's
	"40": ClassSerializationFailure,
	"42": ClassSyntaxOrAccess,
	"53": ClassInsufficientResources,
	"57": ClassConnectionException, // operator intervention: admin shutdown, cannot connect now
}

// ClassForSQLState returns the class for a five-character SQLSTATE,
// falling back to its two-character class and then to ClassDatabaseError.
func ClassForSQLState(code string) Class {
	if c, ok := sqlStateClasses[code]; ok {
		return c
	}
	if len(code) == 5 {
		if c, ok := sqlStatePrefixes[code[:2]]; ok {
			return c
		}
	}
	return ClassDatabaseError
}

// mysqlClasses maps MySQL and MariaDB server error numbers to a class. The
// numbers are more precise than the SQLSTATE MySQL sends with them (many
// share HY000 or 23000).
var mysqlClasses = map[int]Class{
	1062: ClassUniqueViolation, // ER_DUP_ENTRY
	1586: ClassUniqueViolation, // ER_DUP_ENTRY_WITH_KEY_NAME
	1169: ClassUniqueViolation, // ER_DUP_UNIQUE
	1048: ClassNotNullViolation,
	1364: ClassNotNullViolation, // field has no default value
	1451: ClassForeignKeyViolation,
	1452: ClassForeignKeyViolation,
	1216: ClassForeignKeyViolation,
	1217: ClassForeignKeyViolation,
	3819: ClassCheckViolation, // MySQL 8 check constraint
	4025: ClassCheckViolation, // MariaDB check constraint
	1366: ClassInvalidTextRepresentation,
	1292: ClassInvalidTextRepresentation,
	1265: ClassInvalidTextRepresentation, // data truncated
	1367: ClassInvalidTextRepresentation,
	1406: ClassStringDataRightTruncation,
	1264: ClassNumericValueOutOfRange,
	1690: ClassNumericValueOutOfRange,
	1213: ClassDeadlockDetected,
	1205: ClassLockTimeout,
	1317: ClassQueryCanceled,       // query interrupted
	1969: ClassQueryCanceled,       // MariaDB max_statement_time
	3024: ClassQueryCanceled,       // MySQL max_execution_time
	1040: ClassConnectionException, // too many connections
	2002: ClassConnectionException,
	2003: ClassConnectionException,
	2006: ClassConnectionException, // server has gone away
	2013: ClassConnectionException, // lost connection
	1044: ClassSyntaxOrAccess,
	1045: ClassSyntaxOrAccess,
	1142: ClassSyntaxOrAccess,
	1064: ClassSyntaxOrAccess,
	1054: ClassSyntaxOrAccess,
	1146: ClassSyntaxOrAccess,
}

// ClassForMySQL returns the class for a MySQL/MariaDB error number, falling
// back to the SQLSTATE it came with (which may be empty).
func ClassForMySQL(number int, sqlState string) Class {
	if c, ok := mysqlClasses[number]; ok {
		return c
	}
	return ClassForSQLState(sqlState)
}
