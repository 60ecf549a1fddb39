package bot

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// crossings are the places in the conversation's code allowed to move a
// transaction out of the place its update was put in (see store.Tx.Scope):
// each reads across communes, or in another commune's place, for a reason
// said here. Every update is put in its sender's place before a handler
// runs; a handler that wants another commune's records must be listed
// here, so that reading across communes is never written by accident.
var crossings = map[string]string{
	"scope.go scope":                        "puts the update in its sender's place, before any handler",
	"scope.go anyCommune":                   "reads a commune's own record (its name) for the place switch",
	"scope.go within":                       "the way out tells the office of the record's commune (refused.go, evidence.go)",
	"scope.go eachCommune":                  "a timed job's round of the communes, each in its place",
	"scope.go notAllowed":                   "a person's roles wherever they hold them, to say where a command works",
	"refused.go moveToSupergroup":           "the way out: a group's new id is audited in its unit's commune",
	"refused.go groupUnreachable":           "the way out: a blocked group is told to its unit's commune's office",
	"refused.go tellOfficeUndelivered":      "the way out: a message given up is told to the office of its chat's commune",
	"refused.go userUnreachable":            "the way out: a blocked person is told to the offices of their places",
	"evidence.go evidenceLost":              "the way out: a lost evidence file is told to its model's commune's office",
	"digest.go Digest":                      "the weekly digest, a timed job: each commune's office hears of its own units",
	"remind.go Remind":                      "the reminders, a timed job: each commune's units by its own dates",
	"commands.go refreshMenu":               "a person's menu holds their roles wherever they hold them",
	"campaigns.go campaignCard":             "the province's campaign card counts every commune's registrations",
	"province.go communeList":               "the list of communes counts each commune's units",
	"province_report.go rollup":             "the province's roll-up of a province campaign, a line a commune",
	"province_report.go rollupCommune":      "one commune's summary for the province's office, in that commune's place",
	"province_report.go provinceUnitReport": "the province's /report <name>: every commune's units of that name, each a button by id",
	"province_report.go provinceUnitAction": "the province's unit detail: the unit its id names, of whichever commune",
	"province_report.go provinceUnitDetail": "a unit's detail for the province, read in its commune's place",
	"form.go inPlaceOf":                     "a draft is handled in the place it was begun, if the person still holds a role there",
	"reminded.go moveToUnit":                "a reminder's button finds its unit among the person's own communes",
	"reports.go sendExport":                 "the province's workbook, a sheet a commune",
	"launch.go announceLaunch":              "the province launches a campaign: each commune's office and unit groups hear of it, each in its place",
}

// crossingCalls are the calls that move a transaction between places.
var crossingCalls = []string{"AcrossCommunes", "InCommune", "Scope", "within", "eachCommune"}

// TestCrossingsAreListed fails when code of package bot (or of its
// sub-packages) moves a transaction between places anywhere not listed in
// crossings, or when a listed place no longer does.
func TestCrossingsAreListed(t *testing.T) {
	found := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && path == "telegram" {
			return filepath.SkipDir // the edge holds no transaction (its Outgoing.Scope is a menu's)
		}
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		file := filepath.ToSlash(path)
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl: // a function or method, named by its name
				if d.Body != nil {
					findCrossings(d.Body, file+" "+d.Name.Name, found)
				}
			case *ast.GenDecl: // a closure in a package-level var (a route's run), named by the var
				for _, spec := range d.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for i, v := range vs.Values {
							findCrossings(v, file+" "+vs.Names[min(i, len(vs.Names)-1)].Name, found)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for where := range found {
		if _, ok := crossings[where]; !ok {
			t.Errorf("%s moves the transaction to another place (Scope, InCommune, AcrossCommunes, within, eachCommune): "+
				"a handler reads its sender's place only; if this one must read across communes, list it in crossings with why", where)
		}
	}
	for where := range crossings {
		if !found[where] {
			t.Errorf("crossings lists %s, which no longer moves the transaction: take it off the list", where)
		}
	}
}

// findCrossings marks where as found when n calls one of crossingCalls.
func findCrossings(n ast.Node, where string, found map[string]bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		if slices.Contains(crossingCalls, calledName(n)) {
			found[where] = true
		}
		return true
	})
}

// calledName is the name of what a node calls, f(…) or x.f(…), or of a
// method value taken, x.AcrossCommunes: a field that shares a method's
// name (Conversation.Scope) is not a call.
func calledName(n ast.Node) string {
	switch n := n.(type) {
	case *ast.CallExpr:
		switch f := n.Fun.(type) {
		case *ast.Ident:
			return f.Name
		case *ast.SelectorExpr:
			return f.Sel.Name
		}
	case *ast.SelectorExpr:
		if name := n.Sel.Name; name == "AcrossCommunes" || name == "InCommune" {
			return name
		}
	}
	return ""
}
