// Package validatorerr teaches errwrap go-playground/validator's
// ValidationErrors: each failing field becomes a path and a class
// ("user.email: invalid_format"), never the value. Importing it, even
// blank, registers the adapter:
//
//	import _ "github.com/aegisagent/redactor/errwrap/validatorerr"
//
// Paths use validator's Namespace without the top-level struct name. Call
// RegisterTagNameFunc on the validator to get JSON names in paths, and wrap
// the error with errwrap.Field("body", err) to prefix them.
package validatorerr

import (
	"errors"
	"reflect"
	"strings"

	"github.com/aegisagent/redactor/errwrap"
	"github.com/aegisagent/redactor/redact"
	"github.com/go-playground/validator/v10"
)

func init() { errwrap.Register(Adapter{}) }

// Adapter reads validator.ValidationErrors. It is registered by init.
type Adapter struct{}

// Adapt reports one Violation per failing field of the first
// ValidationErrors in err's chain. Value() is never called. For fields
// whose last word is a secret noun (password, token, api_key …) the rule
// parameter is dropped from the operator view as well, since a rule like
// eq=… or ne=… can hold the secret itself.
func (Adapter) Adapt(err error) (errwrap.Facts, bool) {
	var ve validator.ValidationErrors
	if !errors.As(err, &ve) {
		return errwrap.Facts{}, false
	}
	vs := make([]errwrap.Violation, 0, len(ve))
	for _, fe := range ve {
		path := fe.Namespace()
		if _, rest, ok := strings.Cut(path, "."); ok {
			path = rest
		}
		v := errwrap.Violation{Field: path, Class: TagClass(fe.Tag(), fe.Kind()), Rule: fe.Tag(), Param: fe.Param()}
		if redact.IsSecretKey(fe.Field()) || redact.IsSecretKey(fe.StructField()) {
			v.Param = ""
		}
		vs = append(vs, v)
	}
	return errwrap.Facts{Class: errwrap.ClassValidationFailed, Violations: vs}, true
}

// TagClass maps a validator tag to the class a client sees. Length rules
// on strings, slices and maps are invalid_length; on numbers out_of_range.
// Unknown tags (custom validators included) are "invalid".
func TagClass(tag string, kind reflect.Kind) string {
	switch {
	case tag == "required" || strings.HasPrefix(tag, "required_") || tag == "excluded" || strings.HasPrefix(tag, "excluded_"):
		if strings.HasPrefix(tag, "excluded") {
			return "not_allowed"
		}
		return "required"
	case tag == "min" || tag == "max" || tag == "len" || tag == "gt" || tag == "gte" || tag == "lt" || tag == "lte" || tag == "eq" || tag == "ne":
		switch kind {
		case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
			if tag == "eq" || tag == "ne" {
				return "not_allowed"
			}
			return "invalid_length"
		}
		return "out_of_range"
	case tag == "oneof" || tag == "oneofci" || tag == "excludes" || tag == "excludesall" || tag == "excludesrune":
		return "not_allowed"
	case strings.HasSuffix(tag, "field"): // eqfield, nefield, gtfield, eqcsfield …
		return "mismatch"
	case tag == "unique":
		return "not_unique"
	case formatTags[tag]:
		return "invalid_format"
	}
	return "invalid"
}

var formatTags = map[string]bool{
	"email": true, "url": true, "uri": true, "http_url": true, "https_url": true, "url_encoded": true,
	"uuid": true, "uuid3": true, "uuid4": true, "uuid5": true, "uuid_rfc4122": true, "ulid": true,
	"alpha": true, "alphanum": true, "alphaunicode": true, "alphanumunicode": true, "ascii": true, "printascii": true,
	"numeric": true, "number": true, "hexadecimal": true, "hexcolor": true, "rgb": true, "rgba": true,
	"e164": true, "datetime": true, "timezone": true, "json": true, "jwt": true, "base64": true, "base64url": true,
	"ip": true, "ipv4": true, "ipv6": true, "cidr": true, "cidrv4": true, "cidrv6": true, "mac": true,
	"hostname": true, "hostname_rfc1123": true, "fqdn": true, "iso3166_1_alpha2": true, "bcp47_language_tag": true,
	"lowercase": true, "uppercase": true, "boolean": true, "semver": true, "contains": true, "startswith": true, "endswith": true,
	"credit_card": true, "luhn_checksum": true, "isbn": true, "latitude": true, "longitude": true, "cron": true,
}
