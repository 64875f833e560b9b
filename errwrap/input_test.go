package errwrap_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aegisagent/redactor/errwrap"
	_ "github.com/aegisagent/redactor/errwrap/validatorerr"
	"github.com/go-playground/validator/v10"
)

type signup struct {
	User struct {
		Email    string `json:"email" validate:"required,email"`
		Password string `json:"password" validate:"required,min=64"`
		APIKey   string `json:"api_key" validate:"omitempty,eq=none"`
		Age      int    `json:"age" validate:"gte=18"`
	} `json:"user"`
	Tags []string `json:"tags" validate:"max=1"`
}

func jsonValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		return name
	})
	return v
}

func TestValidationErrors(t *testing.T) {
	c := newCanaries(t)
	var in signup
	in.User.Email = c.Password // not an e-mail: rejected, must not be echoed
	in.User.Password = c.Token // too short: rejected, must not be echoed
	in.User.APIKey = c.Email
	in.User.Age = 7
	in.Tags = []string{c.Email, c.Token}
	verr := jsonValidator().Struct(in)
	if verr == nil {
		t.Fatal("validation passed")
	}
	err := errwrap.Wrap(errwrap.Field("body", verr))
	var we *errwrap.Error
	if !errors.As(err, &we) {
		t.Fatalf("Wrap returned %T", err)
	}
	want := []errwrap.Violation{
		{Field: "body.user.email", Class: "invalid_format"},
		{Field: "body.user.password", Class: "invalid_length"},
		{Field: "body.user.api_key", Class: "not_allowed"},
		{Field: "body.user.age", Class: "out_of_range"},
		{Field: "body.tags", Class: "invalid_length"},
	}
	got := we.Violations()
	for i := range got {
		got[i].Rule, got[i].Param = "", ""
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("violations = %+v\nwant %+v", got, want)
	}
	if we.Class() != errwrap.ClassValidationFailed || we.Status() != 422 {
		t.Errorf("class, status = %s, %d", we.Class(), we.Status())
	}
	if wantText := "validation_failed: the request has invalid fields: body.user.email: invalid_format; body.user.password: invalid_length; body.user.api_key: not_allowed; body.user.age: out_of_range; body.tags: invalid_length"; err.Error() != wantText {
		t.Errorf("Error() = %q\nwant      %q", err.Error(), wantText)
	}
	var ve validator.ValidationErrors
	if !errors.As(err, &ve) || len(ve) != 5 {
		t.Error("errors.As no longer reaches validator.ValidationErrors")
	}
	log := assertNoCanary(t, err, c.all()...)
	for _, w := range []string{`"field":"body.user.password","class":"invalid_length","rule":"min"}`, `"rule":"gte","param":"18"`} {
		if !strings.Contains(log, w) {
			t.Errorf("log lacks %s: %s", w, log)
		}
	}
	if strings.Contains(log, `"param":"none"`) || strings.Contains(log, `"param":"64"`) {
		t.Errorf("log shows the parameter of a secret-named field: %s", log)
	}
}

func TestInputErrors(t *testing.T) {
	c := newCanaries(t)
	type body struct {
		Age      int    `json:"age"`
		Password int    `json:"password"`
		Email    string `json:"email"`
	}
	decode := func(s string) error { var b body; return json.Unmarshal([]byte(s), &b) }
	strict := func(s string) error {
		d := json.NewDecoder(strings.NewReader(s))
		d.DisallowUnknownFields()
		var b body
		return d.Decode(&b)
	}
	_, atoiErr := strconv.Atoi(c.Password)
	_, rangeErr := strconv.ParseInt("99999999999999999999999", 10, 64)
	_, timeErr := time.Parse(time.RFC3339, c.Token)
	tests := []struct {
		name   string
		err    error
		class  errwrap.Class
		status int
		want   []errwrap.Violation
		logHas string
	}{
		{"json syntax", decode(`{"email": "` + c.Email + `", "password": ` + c.Token + `}`),
			errwrap.ClassMalformedBody, 400, nil, "invalid character"},
		{"json syntax with field", errwrap.Field("body", decode(`{"password": "`+c.Password)),
			errwrap.ClassMalformedBody, 400, []errwrap.Violation{{Field: "body", Class: "malformed_json"}}, "unexpected end"},
		{"json type, string for int", decode(`{"password": "` + c.Password + `"}`),
			errwrap.ClassInvalidInput, 400, []errwrap.Violation{{Field: "password", Class: "invalid_type"}}, "cannot unmarshal string into field password of type int"},
		{"json type, number for string", errwrap.Field("body", decode(`{"email": 4111111111111111}`)),
			errwrap.ClassInvalidInput, 400, []errwrap.Violation{{Field: "body.email", Class: "invalid_type"}}, "cannot unmarshal number into field email of type string"},
		{"json unknown field", errwrap.Field("body", strict(`{"`+c.Password+`": 1}`)),
			errwrap.ClassInvalidInput, 400, []errwrap.Violation{{Field: "body", Class: "unknown_field"}}, `json: unknown field \"[REDACTED:keyed-secret]\"`},
		{"strconv syntax", errwrap.Field("query.limit", atoiErr),
			errwrap.ClassInvalidInput, 400, []errwrap.Violation{{Field: "query.limit", Class: "invalid_number"}}, `query.limit: strconv.Atoi: parsing [REDACTED:keyed-secret]: invalid syntax`},
		{"strconv range", rangeErr,
			errwrap.ClassInvalidInput, 400, []errwrap.Violation{{Class: "out_of_range"}}, `strconv.ParseInt: parsing [REDACTED:value]: value out of range`},
		{"time parse", errwrap.Field("query.since", timeErr),
			errwrap.ClassInvalidInput, 400, []errwrap.Violation{{Field: "query.since", Class: "invalid_format"}}, "time: cannot parse [REDACTED:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("no error to wrap")
			}
			err := errwrap.Wrap(tc.err)
			var we *errwrap.Error
			if !errors.As(err, &we) {
				t.Fatalf("Wrap returned %T", err)
			}
			if we.Class() != tc.class || we.Status() != tc.status {
				t.Errorf("class, status = %s, %d; want %s, %d", we.Class(), we.Status(), tc.class, tc.status)
			}
			if got := we.Violations(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("violations = %+v, want %+v", got, tc.want)
			}
			log := assertNoCanary(t, err, append(c.all(), "4111111111111111", "99999999999999999999999")...)
			if !strings.Contains(log, tc.logHas) {
				t.Errorf("log lacks %q: %s", tc.logHas, log)
			}
			if testing.Verbose() {
				t.Logf("original: %v\nclient: %v\nlog: %s", tc.err, err, log)
			}
		})
	}
}
