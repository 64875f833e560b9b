package validatorerr

import (
	"errors"
	"github.com/go-playground/validator/v10"
	"reflect"
	"slices"
	"strings"
	"testing"
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
	v := validator.New()
	err := v.Struct(body{Secrets: map[string]string{"zq9Pw-hunter2": "x"}, Items: []string{"ok", "x"}})
	if err == nil {
		t.Fatal("no validation error")
	}
	f, ok := Adapter{}.Adapt(err)
	if !ok {
		t.Fatal("not adapted")
	}
	var fields []string
	for _, vi := range f.Violations {
		fields = append(fields, vi.Field)
		if strings.Contains(vi.Field, "hunter2") {
			t.Errorf("map key in the path: %q", vi.Field)
		}
	}
	if !slices.Contains(fields, "Secrets[*]") || !slices.Contains(fields, "Items[1]") {
		t.Errorf("paths %q", fields)
	}
	for in, want := range map[string]string{
		"a[b].c[2]":        "a[*].c[2]",
		"a[x]y].b":         "a[*].b",
		"h[authorization]": "h[*]",
		"a[":               "a[*",
		"a[]":              "a[*]",
	} {
		if got := maskKeys(in); got != want {
			t.Errorf("maskKeys(%q) = %q, want %q", in, got, want)
		}
	}
}
