// Package examples holds runnable examples of the redactor's main uses,
// one Example function each (go test ./examples -run Example -v), and the
// gateway demo service in examples/gateway.
//
// Every example prints what it produces and checks it with an Output
// comment, so this package is also a test that the documented behaviour
// still holds.
package examples
