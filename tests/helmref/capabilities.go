package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Helm 4.0's .Capabilities for `helm template` (pkg/chart/common/
// capabilities.go at v4.0.0, 99cd1964357c793351be481d55abbe21c6b2f4ec),
// written from Helm's source: the same types, so that fields, methods,
// printing and Has behave as Go's do. Helm's defaults come from client-go
// v0.34.1 (its go.mod): Kubernetes v1.34.0 and the scheme's group versions
// (k8s.io/client-go kubernetes/scheme/register.go) plus apiextensions.k8s.io
// v1 and v1beta1.

type capsCase struct {
	KubeVersion string   `json:"kubeVersion"`
	APIVersions []string `json:"apiVersions"`
}

// KubeVersion is Helm's common.KubeVersion.
type KubeVersion struct {
	Version string
	Major   string
	Minor   string
}

func (kv *KubeVersion) String() string     { return kv.Version }
func (kv *KubeVersion) GitVersion() string { return kv.Version }

// VersionSet is Helm's common.VersionSet.
type VersionSet []string

func (v VersionSet) Has(apiVersion string) bool {
	for _, x := range v {
		if x == apiVersion {
			return true
		}
	}
	return false
}

// BuildInfo is Helm's internal/version.BuildInfo.
type BuildInfo struct {
	Version           string
	GitCommit         string
	GitTreeState      string
	GoVersion         string
	KubeClientVersion string
}

// Capabilities is Helm's common.Capabilities.
type Capabilities struct {
	KubeVersion KubeVersion
	APIVersions VersionSet
	HelmVersion BuildInfo
}

var defaultAPIVersions = VersionSet{
	"v1",
	"admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1", "admissionregistration.k8s.io/v1beta1",
	"internal.apiserver.k8s.io/v1alpha1",
	"apps/v1", "apps/v1beta1", "apps/v1beta2",
	"authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1",
	"authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
	"autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2",
	"batch/v1", "batch/v1beta1",
	"certificates.k8s.io/v1", "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1",
	"coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1",
	"discovery.k8s.io/v1", "discovery.k8s.io/v1beta1",
	"events.k8s.io/v1", "events.k8s.io/v1beta1",
	"extensions/v1beta1",
	"flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta1",
	"flowcontrol.apiserver.k8s.io/v1beta2", "flowcontrol.apiserver.k8s.io/v1beta3",
	"networking.k8s.io/v1", "networking.k8s.io/v1beta1",
	"node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1",
	"policy/v1", "policy/v1beta1",
	"rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1",
	"resource.k8s.io/v1", "resource.k8s.io/v1beta2", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3",
	"scheduling.k8s.io/v1alpha1", "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1",
	"storage.k8s.io/v1beta1", "storage.k8s.io/v1", "storage.k8s.io/v1alpha1",
	"storagemigration.k8s.io/v1alpha1",
	"apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
}

// k8s.io/apimachinery pkg/util/version (v0.34.1): ParseGeneric.
var versionMatchRE = regexp.MustCompile(`^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)*$`)

func parseGeneric(str string) ([]uint64, error) {
	parts := versionMatchRE.FindStringSubmatch(str)
	if parts == nil {
		return nil, fmt.Errorf("could not parse %q as version", str)
	}
	components := strings.Split(parts[1], ".")
	if len(components) < 2 {
		return nil, fmt.Errorf("illegal version string %q", str)
	}
	out := make([]uint64, len(components))
	for i, comp := range components {
		if i == 0 && strings.HasPrefix(comp, "0") && comp != "0" {
			return nil, fmt.Errorf("illegal zero-prefixed version component %q in %q", comp, str)
		}
		num, err := strconv.ParseUint(comp, 10, 0)
		if err != nil {
			return nil, fmt.Errorf("illegal non-numeric version component %q in %q: %v", comp, str, err)
		}
		out[i] = num
	}
	return out, nil
}

// Helm's ParseKubeVersion, with the message `helm template` fails with.
func parseKubeVersion(version string) (*KubeVersion, error) {
	components, err := parseGeneric(version)
	if err != nil {
		return nil, fmt.Errorf("invalid kube version '%s': %s", version, err)
	}
	text := make([]string, len(components))
	for i, c := range components {
		text[i] = strconv.FormatUint(c, 10)
	}
	return &KubeVersion{
		Version: "v" + strings.Join(text, "."),
		Major:   text[0],
		Minor:   text[1],
	}, nil
}

// What install.go sets for `helm template` (ClientOnly).
func capabilities(c capsCase) (*Capabilities, error) {
	caps := &Capabilities{
		KubeVersion: KubeVersion{Version: "v1.34.0", Major: "1", Minor: "34"},
		APIVersions: append(append(VersionSet{}, defaultAPIVersions...), c.APIVersions...),
		HelmVersion: BuildInfo{
			Version:           "v4.0.0",
			GitCommit:         "99cd1964357c793351be481d55abbe21c6b2f4ec",
			GitTreeState:      "clean",
			GoVersion:         "go1.25",
			KubeClientVersion: "v1.34",
		},
	}
	if c.KubeVersion != "" {
		kv, err := parseKubeVersion(c.KubeVersion)
		if err != nil {
			return nil, err
		}
		caps.KubeVersion = *kv
	}
	return caps, nil
}
