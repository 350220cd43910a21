package litmus

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"wmm/js"
	"wmm/wasm"
)

// Features lists the opt-in features a test may enable (LITMUS.md,
// "features"): syntax of proposals that change the memory model, which a
// test uses only when its features: list or the command line
// (--feature) names the feature.
var Features = []string{wasm.FeatureAcqRel, wasm.FeatureDiscard, wasm.FeatureProtect, wasm.FeatureMultiMemory, js.FeatureMemoryAPI}

// Options are the loader's settings that do not come from the file.
type Options struct {
	// Features are the features enabled for every test loaded (the
	// command line's --feature), besides those a test lists itself.
	Features []string
}

// CheckFeatures returns an error, naming the known features, when a name
// of names is not one of Features.
func CheckFeatures(names []string) error {
	for _, n := range names {
		if !slices.Contains(Features, n) {
			return &UnknownFeatureError{Name: n}
		}
	}
	return nil
}

// An UnknownFeatureError is a feature name that is not one of Features.
type UnknownFeatureError struct{ Name string }

func (e *UnknownFeatureError) Error() string {
	return "unknown feature " + quoteShort(e.Name) + suggestFeature(e.Name) + ": known features are " + strings.Join(Features, ", ")
}

// suggestFeature returns " (did you mean F?)" for a feature F close to
// name.
func suggestFeature(name string) string {
	for _, f := range Features {
		if EditDistance(strings.ToLower(name), f) <= 2 {
			return " (did you mean " + f + "?)"
		}
	}
	return ""
}

// features loads features: a sequence of feature names, each once.
func (l *loader) features(f field) {
	n := l.node(f, yaml.SequenceNode, "a list of feature names ("+strings.Join(Features, ", ")+")")
	if n == nil {
		return
	}
	for _, item := range n.Content {
		item = resolveAlias(item)
		name := l.text(item, "a feature name as")
		switch {
		case name == "":
			if item.Kind == yaml.ScalarNode {
				l.errorf(item, "expected a feature name (%s), found nothing", strings.Join(Features, ", "))
			}
		case CheckFeatures([]string{name}) != nil:
			l.errorf(item, "%s", CheckFeatures([]string{name}).Error())
		case slices.Contains(l.t.Features, name):
			l.errorf(item, "feature %s is listed twice", name)
		default:
			l.t.Features = append(l.t.Features, name)
		}
	}
}

// Enabled reports whether the test may use the syntax of feature: its
// features: list names it.
func (t *Test) Enabled(feature string) bool { return slices.Contains(t.Features, feature) }

// checkFeatureUses reports every place where f uses the syntax of a
// feature that neither the test nor the loader's options enable, at its
// position in the file (m maps the code's positions there), and whether
// there was none.
func (l *loader) checkFeatureUses(f *wasm.Func, m *textMap) bool {
	ok := true
	for _, u := range wasm.FeatureUses(f) {
		ok = l.needFeature(m.wasmPos(u.Pos), u.What, u.Feature) && ok
	}
	return ok
}

// needFeature reports whether the test or the loader's options enable
// feature, which what (at pos) uses, and otherwise reports the error.
func (l *loader) needFeature(pos Pos, what, feature string) bool {
	if l.t.Enabled(feature) || slices.Contains(l.opts.Features, feature) {
		return true
	}
	l.errs.Addf(pos, "%s needs the feature %s: add features: [%s] to the test, or pass --feature %s", what, feature, feature, feature)
	return false
}
