package slogsink

import (
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/aegisagent/redactor/redact"
)

// keyCache remembers whether attribute keys are secret (struct field names
// and map keys are not cached: one map could fill every slot). Log keys are
// nearly always string literals, the same few dozen per service, so a hit
// replaces the automaton walk of IsSecretKey by a pointer hash and a
// string comparison. The slot is chosen by the key's address, but a hit
// compares the contents, so a key at a new address is only a miss.
// Entries are added to empty slots only and never replaced: at most
// len(slots) allocations per handler tree, then misses just ask the
// Redactor, so keys built at run time never cause an allocation per
// record.
type keyCache struct {
	slots [256]atomic.Pointer[keyEntry]
}

type keyEntry struct {
	key    string
	secret bool
}

func (c *keyCache) secret(key string, r *redact.Redactor, cfg *config) bool {
	h := uintptr(unsafe.Pointer(unsafe.StringData(key)))
	h = (h ^ h>>9 ^ uintptr(len(key))*0x9e3779b1) % uintptr(len(c.slots))
	slot := &c.slots[h]
	if e := slot.Load(); e != nil && e.key == key {
		return e.secret
	}
	secret := r.IsSecretKey(key) || cfg.extraSecret(key)
	if slot.Load() == nil {
		// A copy: key may be a slice of a large buffer, which must not
		// stay alive for the handler's lifetime.
		slot.CompareAndSwap(nil, &keyEntry{key: strings.Clone(key), secret: secret})
	}
	return secret
}
