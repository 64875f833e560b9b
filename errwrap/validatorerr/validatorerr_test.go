package validatorerr

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aegisagent/redactor/errwrap"
	"github.com/go-playground/validator/v10"
)

func TestTagClass(t *testing.T) {
	tests := []struct {
		tag  string
		kind reflect.Kind
		want string
	}{
		{"required", reflect.String, "required"},
		{"required_if", reflect.String, "required"},
		{"excluded_with", reflect.String, "not_allowed"},
		{"email", reflect.String, "invalid_format"},
		{"uuid4", reflect.String, "invalid_format"},
		{"min", reflect.String, "invalid_length"},
		{"max", reflect.Slice, "invalid_length"},
		{"min", reflect.Int, "out_of_range"},
		{"lte", reflect.Float64, "out_of_range"},
		{"eq", reflect.String, "not_allowed"},
		{"oneof", reflect.String, "not_allowed"},
		{"eqfield", reflect.String, "mismatch"},
		{"gtcsfield", reflect.Int, "mismatch"},
		{"unique", reflect.Slice, "not_unique"},
		{"my_custom_rule", reflect.String, "invalid"},
	}
	for _, tc := range tests {
		if got := TagClass(tc.tag, tc.kind); got != tc.want {
			t.Errorf("TagClass(%q, %v) = %q, want %q", tc.tag, tc.kind, got, tc.want)
		}
	}
}

func TestAdaptIgnoresOtherErrors(t *testing.T) {
	if _, ok := (Adapter{}).Adapt(errors.New("Key: 'User.Email' Error:Field validation for 'Email' failed on the 'email' tag")); ok {
		t.Error("Adapt matched a plain error by its text")
	}
}

// A map key in a path is the client's input: it is masked; list indexes
// stay.
func TestMapKeysMasked(t *testing.T) {
	type body struct {
		Secrets map[string]string `validate:"dive,keys,alpha,endkeys,required"`
		Items   []string          `validate:"dive,min=2"`
	}
	err := validator.New().Struct(body{Secrets: map[string]string{"zq9Pw-hunter2": "x"}, Items: []string{"ok", "x"}})
	if err == nil {
		t.Fatal("no validation error")
	}
	e := errwrap.Wrap(err, errwrap.WithAdapters(Adapter{})).(*errwrap.Error)
	var fields []string
	for _, vi := range e.Violations() {
		fields = append(fields, vi.Field)
	}
	if !slices.Contains(fields, "Secrets[*]") || !slices.Contains(fields, "Items[1]") {
		t.Errorf("paths %q", fields)
	}
	for _, out := range []string{e.Error(), fmt.Sprintf("%+v", e)} {
		if strings.Contains(out, "hunter2") {
			t.Errorf("map key shown: %q", out)
		}
	}
}
