package errwrap_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestRootPackageLinksNoDriver pins the build promise: importing errwrap
// alone links no database driver and no validator; those come only with
// their adapter subpackages (checked too, so the test cannot pass because
// the listing is empty).
func TestRootPackageLinksNoDriver(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go tool is needed to list dependencies: %v", err)
	}
	const mod = "github.com/aegisagent/redactor/errwrap"
	out, err := exec.Command(goTool, "list", "-f", `{{.ImportPath}} {{join .Deps " "}}`,
		mod, mod+"/pgxerr", mod+"/pqerr", mod+"/mysqlerr", mod+"/validatorerr").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := map[string]map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		set := map[string]bool{}
		for _, d := range f[1:] {
			set[d] = true
		}
		deps[strings.TrimPrefix(f[0], mod)] = set
	}
	for d := range deps[""] {
		for _, banned := range []string{"github.com/jackc/", "github.com/lib/pq", "github.com/go-sql-driver/", "github.com/go-playground/"} {
			if strings.HasPrefix(d, banned) {
				t.Errorf("importing errwrap links %s", d)
			}
		}
	}
	for pkg, dep := range map[string]string{
		"/pgxerr":       "github.com/jackc/pgx/v5/pgconn",
		"/pqerr":        "github.com/lib/pq",
		"/mysqlerr":     "github.com/go-sql-driver/mysql",
		"/validatorerr": "github.com/go-playground/validator/v10",
	} {
		if !deps[pkg][dep] {
			t.Errorf("errwrap%s does not link %s", pkg, dep)
		}
	}
}
