package slogsink

import (
	"cmp"
	"encoding"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/aegisagent/redactor/redact"
)

// maxDepth bounds how deep a value passed with slog.Any (and a chain of
// LogValuers) is walked. Containers below it are replaced by tooDeepText:
// a cyclic or very deep value cannot make a log call slow or unbounded,
// and what was not examined does not leave.
const maxDepth = 8

// maxHops bounds a chain of pointers and interfaces followed without a
// container in between: a cycle of them (var x any; x = &x) holds
// nothing, but following it would never end.
const maxHops = 64

// tooDeepText replaces a container nested deeper than maxDepth.
const tooDeepText = "[REDACTED:too-deep]"

// ruleTooDeep is the rule name reported for tooDeepText.
const ruleTooDeep = "too-deep"

// pass is the state of redacting one record or one WithAttrs call. It
// lives on the stack of Handle or WithAttrs.
type pass struct {
	h      *handler
	path   string    // dotted path of the handler's groups, for dotted skip keys
	groups [8]string // and of the record's groups around the current attr
	ng     int
	depth  int
	// key is the key of the value being judged (an attribute's, a
	// field's JSON name, a map key; a list's elements keep their list's):
	// digit-shaped PII reads it as context, as the core's JSON path does.
	key    string
	quiet  bool // first pass: count nothing
	failed bool
	counts map[string]int
	// first is the first pass's redaction of the first dirty attribute,
	// reused by the second pass when nothing needs counting.
	first    slog.Attr
	hasFirst bool
}

// message redacts the record's message. The core runs no code of the
// caller's, so there is nothing to recover from here.
func (p *pass) message(m string) string {
	out := p.h.r.String(m)
	if out != m {
		p.noteScan(m)
	}
	return out
}

// attr redacts one attribute and reports whether it changed. A panic while
// redacting it (a String or Error method, a MarshalJSON …) is recovered and
// replaces the attribute's value with FailedText: the value was not
// examined, so it does not leave.
func (p *pass) attr(a slog.Attr) (slog.Attr, bool) {
	switch a.Value.Kind() {
	case slog.KindAny, slog.KindLogValuer, slog.KindGroup:
		return p.attrGuarded(a)
	}
	// Strings and scalars run no code of the caller's: no recover needed
	// on the hot path.
	return p.attrUnsafe(a)
}

// dirty reports whether attr would change *a. It is the first pass of
// Handle, which on a clean record is all the work there is: strings and
// scalars are judged here without copying the attribute through calls,
// everything else goes through attr.
func (p *pass) dirty(a *slog.Attr) bool {
	k := a.Value.Kind()
	switch k {
	case slog.KindLogValuer:
		// Always passed on resolved; resolving it here too would call
		// LogValue twice per record.
		return true
	case slog.KindAny, slog.KindGroup:
		out, changed := p.attrGuarded(*a)
		return p.keep(out, changed)
	}
	if a.Key != "" {
		if p.skip(a.Key) {
			return false
		}
		if p.h.c.keys.secret(a.Key, p.h.r, p.h.c) {
			v, changed := p.secret(a.Value)
			return p.keep(slog.Attr{Key: a.Key, Value: v}, changed)
		}
	}
	switch k {
	case slog.KindString:
		s := a.Value.String()
		out := p.h.r.KeyedString(a.Key, s)
		if out == s {
			return false
		}
		return p.keep(slog.String(a.Key, out), true)
	case slog.KindInt64, slog.KindUint64:
		if !scannedInt(a.Key, a.Value) {
			return false
		}
		p.key = a.Key
		v, changed := p.number(a.Value)
		return p.keep(slog.Attr{Key: a.Key, Value: v}, changed)
	}
	return false
}

// keep remembers the first pass's redaction of a dirty attribute, so that
// the second pass does not scan it again, and reports changed.
func (p *pass) keep(a slog.Attr, changed bool) bool {
	if changed {
		p.first, p.hasFirst = a, true
	}
	return changed
}

// attrGuarded is attr for values that may run the caller's methods.
func (p *pass) attrGuarded(a slog.Attr) (out slog.Attr, changed bool) {
	depth, ng := p.depth, p.ng
	defer func() {
		if recover() != nil {
			p.depth, p.ng = depth, ng
			out, changed = slog.String(a.Key, FailedText), true
			p.fail()
		}
	}()
	return p.attrUnsafe(a)
}

func (p *pass) attrUnsafe(a slog.Attr) (slog.Attr, bool) {
	if a.Key != "" {
		if p.skip(a.Key) {
			return a, false
		}
		if p.h.c.keys.secret(a.Key, p.h.r, p.h.c) {
			v, changed := p.secret(a.Value)
			return slog.Attr{Key: a.Key, Value: v}, changed
		}
	}
	if a.Value.Kind() == slog.KindGroup && a.Key != "" && p.h.c.skipPaths {
		return p.attrInPath(a)
	}
	outer := p.key
	p.key = a.Key
	v, changed := p.value(a.Value)
	p.key = outer
	if !changed {
		return a, false
	}
	return slog.Attr{Key: a.Key, Value: v}, true
}

// attrInPath redacts a group attribute with its key added to the path, for
// dotted skip keys. Past eight nested groups the path is not followed, so
// deeper dotted skip keys do not match (nothing is skipped by mistake).
func (p *pass) attrInPath(a slog.Attr) (slog.Attr, bool) {
	if p.ng < len(p.groups) {
		p.groups[p.ng] = a.Key
	}
	p.ng++
	v, changed := p.value(a.Value)
	p.ng--
	if !changed {
		return a, false
	}
	return slog.Attr{Key: a.Key, Value: v}, true
}

func (p *pass) skip(key string) bool {
	c := p.h.c
	if c.skipKeys == nil {
		return false
	}
	if c.skipKeys[key] {
		return true
	}
	if !c.skipPaths || (p.path == "" && p.ng == 0) || p.ng > len(p.groups) {
		return false
	}
	// The full path, built on the stack: a map lookup of string(bytes)
	// does not allocate.
	var buf [128]byte
	b := append(buf[:0], p.path...)
	for _, g := range p.groups[:p.ng] {
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, g...)
	}
	b = append(append(b, '.'), key...)
	return c.skipKeys[string(b)]
}

// secretKey judges a struct field name or a map key, uncached.
func (p *pass) secretKey(key string) bool {
	return p.h.r.IsSecretKey(key) || p.h.c.extraSecret(key)
}

// value redacts a value that is not under a secret key. The result is
// always fit to log: a LogValuer comes back resolved (and counts as
// changed, so that the sink does not call LogValue a second time and get
// something else).
func (p *pass) value(v slog.Value) (slog.Value, bool) {
	switch v.Kind() {
	case slog.KindString:
		s := v.String()
		out := p.h.r.KeyedString(p.key, s)
		if out == s {
			return v, false
		}
		p.noteKeyed(p.key, s)
		return slog.StringValue(out), true
	case slog.KindGroup:
		return p.group(v)
	case slog.KindLogValuer:
		if p.depth >= maxDepth {
			return p.tooDeep()
		}
		p.depth++
		out, _ := p.value(v.Resolve())
		p.depth--
		return out, true
	case slog.KindAny:
		return p.anyValue(v)
	case slog.KindInt64, slog.KindUint64:
		if !scannedInt(p.key, v) {
			return v, false
		}
		return p.number(v)
	default:
		// Floats, booleans, times and durations are not scanned: see the
		// package documentation.
		return v, false
	}
}

// minScanned is the smallest integer worth scanning: a card number has
// at least 12 digits, and a bare run of digits is nothing else the core
// looks for (phones and IBANs need separators, a plus or letters).
const minScanned = 100_000_000_000

// number scans an integer of 12 digits or more as its decimal text, so
// that a card number logged as an int is caught. The core may keep a
// reference to what it scans, so the text cannot live on the stack; it is
// formatted into a pooled buffer, and a clean number costs no allocation.
func (p *pass) number(v slog.Value) (slog.Value, bool) {
	var n uint64
	neg := false
	if v.Kind() == slog.KindInt64 {
		i := v.Int64()
		if i < 0 {
			neg, n = true, uint64(-i)
		} else {
			n = uint64(i)
		}
	} else {
		n = v.Uint64()
	}
	bp := digitBufs.Get().(*[24]byte)
	defer digitBufs.Put(bp)
	b := bp[:0]
	if neg {
		b = append(b, '-')
	}
	b = strconv.AppendUint(b, n, 10)
	text := unsafe.String(&b[0], len(b)) // read while b is ours
	out := p.h.r.KeyedString(p.key, text)
	if out == text {
		return v, false
	}
	p.noteKeyed(p.key, text)
	return slog.StringValue(out), true
}

// bigInt reports whether an Int64 or Uint64 value has twelve digits or
// more. It is small enough to inline, so a status code costs a compare.
func bigInt(v slog.Value) bool {
	if v.Kind() == slog.KindInt64 {
		i := v.Int64()
		return i <= -minScanned || i >= minScanned
	}
	return v.Uint64() >= minScanned
}

// minKeyed is the smallest integer scanned for its key's sake: a code
// under "pin" or "otp" has four digits or more, and so has every number
// the key makes PII ("ssn": 123456789).
const minKeyed = 1000

// scannedInt reports whether an integer value under key is scanned: one
// of twelve digits or more always (a card number), a smaller one of four
// digits or more only under a key, which may be its context.
func scannedInt(key string, v slog.Value) bool {
	if bigInt(v) {
		return true
	}
	if key == "" {
		return false
	}
	if v.Kind() == slog.KindInt64 {
		i := v.Int64()
		return i <= -minKeyed || i >= minKeyed
	}
	return v.Uint64() >= minKeyed
}

var digitBufs = sync.Pool{New: func() any { return new([24]byte) }}

// group redacts the attributes of a group value, copying them only when
// one changes.
func (p *pass) group(v slog.Value) (slog.Value, bool) {
	out, changed := p.attrs(v.Group())
	if !changed {
		return v, false
	}
	return slog.GroupValue(out...), true
}

// attrs redacts a list of attributes. It returns attrs itself when none
// changes, else a copy: attrs is never modified, as a caller (a fan-out's
// other handlers, a group value) may hold it too.
func (p *pass) attrs(attrs []slog.Attr) ([]slog.Attr, bool) {
	var out []slog.Attr
	for i, a := range attrs {
		ra, changed := p.attr(a)
		if changed && out == nil {
			out = slices.Clone(attrs)
		}
		if out != nil {
			out[i] = ra
		}
	}
	if out == nil {
		return attrs, false
	}
	return out, true
}

// secret replaces a value stored under a secret key, whatever its kind.
func (p *pass) secret(v slog.Value) (slog.Value, bool) {
	resolved := false
	if v.Kind() == slog.KindLogValuer {
		v, resolved = v.Resolve(), true
	}
	switch v.Kind() {
	case slog.KindString:
		return p.secretText(v.String(), true, v, resolved)
	case slog.KindGroup:
		if len(v.Group()) == 0 {
			return v, resolved
		}
		return p.secretText(v.String(), false, v, true)
	case slog.KindAny:
		x := v.Any()
		if x == nil {
			return v, resolved
		}
		rv := reflect.ValueOf(x)
		if rv.IsZero() && (isNil(rv) || !printsItself(x)) {
			return v, resolved
		}
		return p.secretText(printed(rv), false, v, true)
	default:
		return p.secretText(v.String(), true, v, resolved)
	}
}

// secretText replaces text, the printed form of v, in the Redactor's
// style. When the Redactor declines (an empty value, a placeholder such as
// "${DB_PASSWORD}"), a string or scalar v is kept; anything else is
// replaced whole all the same, and only an empty printed form stays (as
// text, since a sink could print v differently: a struct as JSON, say).
func (p *pass) secretText(text string, scalar bool, v slog.Value, changed bool) (slog.Value, bool) {
	if out, ok := p.h.r.SecretValue(text); ok {
		p.count(RuleKeyedSecret)
		return slog.StringValue(out), true
	}
	if scalar {
		return v, changed
	}
	// A struct, list or wrapper type only looks like a placeholder when
	// printed ("{sk_live_…}", "[HUNTERTWO]"): a sink may print it some
	// other way, and what it holds is still the secret.
	if out := p.h.r.SecretText(text); out != text {
		p.count(RuleKeyedSecret)
		return slog.StringValue(out), true
	}
	return slog.StringValue(text), true
}

// anyValue redacts a value of KindAny: errors, byte slices, values with
// String, MarshalText or MarshalJSON methods, and structs, maps, slices
// and pointers walked by reflection. It returns v itself when nothing
// changed, so a clean struct reaches the sink as it was.
func (p *pass) anyValue(v slog.Value) (slog.Value, bool) {
	x := v.Any()
	switch t := x.(type) {
	case nil:
		return v, false
	case error:
		return p.errorValue(v, t)
	case []byte:
		if out, changed := p.bytes(t); changed {
			return slog.AnyValue(out), true
		}
		return v, false
	}
	// Each sink prints x its own way: JSONHandler uses MarshalJSON, then
	// MarshalText, then the exported fields; TextHandler uses MarshalText,
	// then String, then all fields (%+v). Check every form a sink could
	// print.
	tm, isTM := x.(encoding.TextMarshaler)
	jm, isJM := x.(json.Marshaler)
	if isTM {
		b, err := tm.MarshalText()
		if err != nil {
			// The sink prints the error text instead.
			return p.text(v, err.Error())
		}
		if out, changed := p.bytes(b); changed {
			return slog.StringValue(string(out)), true
		}
	}
	if isJM {
		b, err := jm.MarshalJSON()
		if err != nil {
			return p.text(v, err.Error())
		}
		if out, changed := p.jsonBytes(b); changed {
			return slog.StringValue(string(out)), true
		}
	}
	if isTM {
		if p.depth == 0 {
			// MarshalText is what both handlers print when there is no
			// MarshalJSON, and what TextHandler prints when there is.
			return v, false
		}
		// Inside a struct, map or list, TextHandler prints with fmt,
		// which knows String and Format but not MarshalText: without
		// them it prints the fields.
		if st, ok := x.(fmt.Stringer); ok {
			return p.text(v, st.String())
		}
		if f, ok := x.(fmt.Formatter); ok {
			return p.text(v, fmt.Sprintf("%+v", f))
		}
		if out, changed := p.walk(reflect.ValueOf(x)); changed {
			return out, true
		}
		return v, false
	}
	if s, ok := x.(fmt.Stringer); ok {
		if out, changed := p.text(v, s.String()); changed {
			return out, true
		}
	}
	if f, ok := x.(fmt.Formatter); ok {
		// TextHandler prints %+v, which a Formatter writes itself.
		if out, changed := p.text(v, fmt.Sprintf("%+v", f)); changed {
			return out, true
		}
	}
	if out, changed := p.walk(reflect.ValueOf(x)); changed {
		return out, true
	}
	return v, false
}

// errorValue redacts an error. Both built-in handlers print Error(),
// unless the error formats itself (TextHandler prints %+v: pkg/errors adds
// a stack) or marshals itself (JSONHandler prints its MarshalJSON); and
// inside a struct, map or list JSONHandler prints it as encoding/json
// does, field by field. When a secret is in any of these forms, the error
// is logged as its Error() text, which was found clean.
func (p *pass) errorValue(v slog.Value, err error) (slog.Value, bool) {
	msg := err.Error()
	if out, changed := p.text(v, msg); changed {
		return out, true
	}
	if f, ok := err.(fmt.Formatter); ok {
		if out, changed := p.text(v, fmt.Sprintf("%+v", f)); changed {
			return out, true
		}
	}
	if jm, ok := err.(json.Marshaler); ok {
		b, jerr := jm.MarshalJSON()
		if jerr != nil {
			return p.text(v, jerr.Error())
		}
		if _, changed := p.jsonBytes(b); changed {
			return slog.StringValue(msg), true
		}
	} else if p.depth > 0 {
		if _, changed := p.walk(reflect.ValueOf(err)); changed {
			return slog.StringValue(msg), true
		}
	}
	return v, false
}

// text redacts s, the printed form of v; v is kept when s is clean.
func (p *pass) text(v slog.Value, s string) (slog.Value, bool) {
	out := p.h.r.String(s)
	if out == s {
		return v, false
	}
	p.noteScan(s)
	return slog.StringValue(out), true
}

func (p *pass) bytes(b []byte) ([]byte, bool) {
	out := p.h.r.Bytes(b)
	if len(out) == len(b) && (len(b) == 0 || &out[0] == &b[0]) {
		return b, false
	}
	p.noteScan(string(b))
	return out, true
}

// jsonBytes redacts MarshalJSON output structure-aware, falling back to the
// patterns when it is not valid JSON.
func (p *pass) jsonBytes(b []byte) ([]byte, bool) {
	out, err := p.h.r.JSON(b)
	if err != nil {
		return p.bytes(b)
	}
	if string(out) == string(b) {
		return b, false
	}
	p.noteScan(string(b))
	return out, true
}

// walk examines a value by reflection. When something in it must be
// redacted, it returns a replacement: a group of the exported fields for a
// struct, a group of sorted keys for a map, a list for a slice. Otherwise
// it reports false and the caller keeps the original value.
func (p *pass) walk(rv reflect.Value) (slog.Value, bool) {
	for hops := 0; rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface; hops++ {
		if rv.IsNil() {
			return slog.Value{}, false
		}
		if hops == maxHops {
			return p.tooDeep() // var x any; x = &x
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Struct:
		return p.walkStruct(rv)
	case reflect.Map:
		return p.walkMap(rv)
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			if out, changed := p.bytes(rv.Bytes()); changed {
				return slog.AnyValue(out), true
			}
			return slog.Value{}, false
		}
		return p.walkSeq(rv)
	case reflect.Array:
		return p.walkSeq(rv)
	case reflect.String:
		// A named string type (type Token string) arrives as KindAny.
		s := rv.String()
		out := p.h.r.String(s)
		if out == s {
			return slog.Value{}, false
		}
		p.noteScan(s)
		return slog.StringValue(out), true
	default:
		return slog.Value{}, false
	}
}

// elem redacts one field, map value or element. Exported values go through
// value, so LogValuers, errors and Stringers inside a struct are treated as
// at the top. Unexported ones cannot be turned back into interfaces; they
// are walked by kind only, to find out whether they hold a secret (a
// TextHandler prints them with %+v), and are never printed by a
// replacement.
func (p *pass) elem(rv reflect.Value) (slog.Value, bool) {
	if !rv.IsValid() {
		return slog.Value{}, false
	}
	if rv.CanInterface() {
		return p.value(slog.AnyValue(rv.Interface()))
	}
	return p.walk(rv)
}

// secretElem replaces a field or map value that is secret by name or tag.
func (p *pass) secretElem(rv reflect.Value) (slog.Value, bool) {
	if !rv.IsValid() || rv.IsZero() {
		if rv.IsValid() && rv.CanInterface() {
			return slog.AnyValue(rv.Interface()), false
		}
		return slog.Value{}, false
	}
	if rv.Kind() == reflect.String {
		v := slog.StringValue(rv.String())
		return p.secretText(rv.String(), true, v, false)
	}
	if rv.CanInterface() {
		return p.secret(slog.AnyValue(rv.Interface()))
	}
	return p.secretText(printed(rv), false, slog.Value{}, true)
}

// printed is the text judged for a secret value of any kind: what a
// pointer points to (not its address), a byte slice as text, an error or
// Stringer by its method, anything else as fmt prints it.
func printed(rv reflect.Value) string {
	for hops := 0; (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) && !rv.IsNil(); hops++ {
		if hops == maxHops {
			return tooDeepText // a cycle of pointers: fmt prints an address
		}
		if rv.CanInterface() {
			switch rv.Interface().(type) {
			case error, fmt.Stringer:
				return fmt.Sprint(rv.Interface())
			}
		}
		rv = rv.Elem()
	}
	switch {
	case rv.Kind() == reflect.String:
		return rv.String()
	case rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() == reflect.Uint8:
		return string(rv.Bytes())
	case rv.CanInterface():
		return fmt.Sprint(rv.Interface())
	}
	return fmt.Sprint(rv)
}

func (p *pass) enter() bool {
	if p.depth >= maxDepth {
		return false
	}
	p.depth++
	return true
}

func (p *pass) tooDeep() (slog.Value, bool) {
	p.count(ruleTooDeep)
	return slog.StringValue(tooDeepText), true
}

func (p *pass) walkStruct(rv reflect.Value) (slog.Value, bool) {
	if !p.enter() {
		return p.tooDeep()
	}
	defer func() { p.depth-- }()
	t := rv.Type()
	var attrs []slog.Attr
	changed := false
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := jsonTag(sf)
		name := tag.name
		fv := rv.Field(i)
		var v slog.Value
		var ch bool
		if sf.Tag.Get("redact") == "true" || p.secretKey(sf.Name) || (name != sf.Name && p.secretKey(name)) {
			v, ch = p.secretElem(fv)
		} else {
			outer := p.key
			p.key = name
			v, ch = p.elem(fv)
			p.key = outer
		}
		changed = changed || ch
		if !sf.IsExported() || tag.leftOut(fv) {
			continue
		}
		attrs = append(attrs, slog.Attr{Key: name, Value: v})
	}
	if !changed {
		return slog.Value{}, false
	}
	if len(attrs) == 0 {
		// Only unexported fields: encoding/json would print {}, and an
		// empty group would make the attribute vanish.
		return slog.StringValue("{}"), true
	}
	return slog.GroupValue(attrs...), true
}

// fieldTag is what a field's json tag tells encoding/json, which a struct
// rebuilt as a group follows so that it prints as the struct would have.
type fieldTag struct {
	name      string // the key: the tag's name, or the field's
	skip      bool   // json:"-"
	omitEmpty bool
	omitZero  bool
}

// jsonTag reads the json tag of a field.
func jsonTag(sf reflect.StructField) fieldTag {
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return fieldTag{name: sf.Name, skip: true}
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = sf.Name
	}
	t := fieldTag{name: name}
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		t.omitEmpty = t.omitEmpty || o == "omitempty"
		t.omitZero = t.omitZero || o == "omitzero"
	}
	return t
}

// leftOut reports whether encoding/json leaves out the field whose value
// is fv: json:"-", or an empty value with omitempty, or a zero one with
// omitzero (by its IsZero method when it has one).
func (t fieldTag) leftOut(fv reflect.Value) bool {
	switch {
	case t.skip:
		return true
	case t.omitEmpty && isEmpty(fv):
		return true
	case t.omitZero:
		if fv.Kind() == reflect.Pointer && fv.IsNil() {
			return true
		}
		if z, ok := fv.Interface().(interface{ IsZero() bool }); ok {
			return z.IsZero()
		}
		return fv.IsZero()
	}
	return false
}

// isEmpty is encoding/json's "empty" for omitempty: false, 0, a nil
// pointer or interface, and an array, slice, map or string of length 0.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

func (p *pass) walkMap(rv reflect.Value) (slog.Value, bool) {
	if rv.IsNil() || rv.Len() == 0 {
		return slog.Value{}, false
	}
	if !p.enter() {
		return p.tooDeep()
	}
	defer func() { p.depth-- }()
	attrs := make([]slog.Attr, 0, rv.Len())
	changed := false
	it := rv.MapRange()
	for it.Next() {
		k := it.Key()
		var key string
		if k.Kind() == reflect.String {
			key = k.String()
		} else {
			key = fmt.Sprint(k)
		}
		rk := p.h.r.String(key)
		if rk != key {
			changed = true
			p.noteScan(key)
		}
		var v slog.Value
		var ch bool
		if p.secretKey(key) {
			v, ch = p.secretElem(it.Value())
		} else {
			outer := p.key
			p.key = key
			v, ch = p.elem(it.Value())
			p.key = outer
		}
		changed = changed || ch
		attrs = append(attrs, slog.Attr{Key: rk, Value: v})
	}
	if !changed {
		return slog.Value{}, false
	}
	// Map order is random; logs must be deterministic.
	slices.SortFunc(attrs, func(a, b slog.Attr) int { return cmp.Compare(a.Key, b.Key) })
	return slog.GroupValue(attrs...), true
}

func (p *pass) walkSeq(rv reflect.Value) (slog.Value, bool) {
	n := rv.Len()
	if n == 0 {
		return slog.Value{}, false
	}
	if !p.enter() {
		return p.tooDeep()
	}
	defer func() { p.depth-- }()
	vals := make([]slog.Value, n)
	changed, groups := false, false
	for i := range n {
		v, ch := p.elem(rv.Index(i))
		changed = changed || ch
		groups = groups || v.Kind() == slog.KindGroup
		vals[i] = v
	}
	if !changed {
		return slog.Value{}, false
	}
	if groups {
		// A list of groups cannot be an []any that both handlers print
		// well; index keys keep it readable.
		attrs := make([]slog.Attr, n)
		for i, v := range vals {
			attrs[i] = slog.Attr{Key: fmt.Sprint(i), Value: v}
		}
		return slog.GroupValue(attrs...), true
	}
	list := make([]any, n)
	for i, v := range vals {
		list[i] = v.Any()
	}
	return slog.AnyValue(list), true
}

// isNil reports a nil pointer, interface, map, slice, func or channel.
func isNil(rv reflect.Value) bool {
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

// printsItself reports a value whose printed form comes from its own
// method, so that even its zero value may print something (a String
// method that reads the environment).
func printsItself(x any) bool {
	switch x.(type) {
	case fmt.Stringer, error, encoding.TextMarshaler, json.Marshaler, fmt.Formatter:
		return true
	}
	return false
}

// fail records that a value could not be redacted. The first pass records
// it too: the second may reuse its result.
func (p *pass) fail() {
	p.failed = true
	p.count(RuleFailed)
}

// noteScan counts, per rule, what the patterns found in s. It runs only
// when a report is wanted and s was changed.
func (p *pass) noteScan(s string) {
	if p.quiet || p.h.c.report == nil {
		return
	}
	for _, f := range p.h.r.Find([]byte(s)) {
		p.count(f.Rule)
	}
}

// noteKeyed is noteScan for a value redacted with KeyedString under key:
// the findings are those of the same value inside a JSON object, where
// the key is its context too.
func (p *pass) noteKeyed(key, s string) {
	if p.quiet || p.h.c.report == nil {
		return
	}
	if key == "" {
		p.noteScan(s)
		return
	}
	doc, err := json.Marshal(map[string]string{key: s})
	if err != nil {
		p.noteScan(s)
		return
	}
	// The callback must not capture p: p lives on Handle's stack, and a
	// closure holding it would move it to the heap on every record.
	var rules []string
	_, _ = p.h.r.JSONFunc(doc, func(f redact.Finding) { rules = append(rules, f.Rule) })
	for _, r := range rules {
		p.count(r)
	}
}

func (p *pass) count(rule string) {
	if p.quiet || p.h.c.report == nil {
		return
	}
	if p.counts == nil {
		p.counts = make(map[string]int)
	}
	p.counts[rule]++
}

// flush hands the counts to the report callback, in rule order.
func (p *pass) flush() {
	if len(p.counts) == 0 {
		return
	}
	rules := make([]string, 0, len(p.counts))
	for r := range p.counts {
		rules = append(rules, r)
	}
	slices.Sort(rules)
	for _, r := range rules {
		p.h.c.report(r, p.counts[r])
	}
}
