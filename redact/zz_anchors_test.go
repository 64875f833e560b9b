package redact

import (
	"fmt"
	"sort"
	"testing"
)

func TestZZAnchors(t *testing.T) {
	r := Default()
	var all []string
	for _, ru := range r.rules {
		for _, a := range ru.anchors {
			all = append(all, a)
		}
	}
	sort.Slice(all, func(i, j int) bool { return len(all[i]) < len(all[j]) })
	fmt.Println(len(all), r.m.maxLen, r.m.stride, len(r.m.trans)/int(r.m.stride))
	fmt.Printf("%q\n", all)
}
