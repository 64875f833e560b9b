//go:build race

package middleware_test

// raceEnabled skips the 1 GiB stream under the race detector, where it
// would take minutes and measure the detector, not the filter.
const raceEnabled = true
