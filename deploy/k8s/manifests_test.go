// Package k8s holds no code: this test keeps the kustomize base in this folder consistent with
// itself, with the DANVAN_* variables internal/config accepts, and with the subcommands of
// cmd/danvan.
package k8s

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/danvan-vn/danvan/internal/config"
)

// image is the name every container uses; kustomization.yaml's images: maps it to the real one.
const image = "danvan"

// secretExample is the example Secret: parsed and checked, but never listed in the kustomization.
const secretExample = "secret.example.yaml"

type meta struct {
	Name        string            `yaml:"name"`
	Labels      map[string]string `yaml:"labels"`
	Annotations map[string]string `yaml:"annotations"`
}

type manifest struct {
	APIVersion string            `yaml:"apiVersion"`
	Kind       string            `yaml:"kind"`
	Metadata   meta              `yaml:"metadata"`
	Data       map[string]string `yaml:"data"`
	StringData map[string]string `yaml:"stringData"`
	Spec       yaml.Node         `yaml:"spec"`
	file       string
}

type probe struct {
	HTTPGet *struct {
		Path string    `yaml:"path"`
		Port yaml.Node `yaml:"port"`
	} `yaml:"httpGet"`
}

type secCtx struct {
	RunAsNonRoot             *bool `yaml:"runAsNonRoot"`
	RunAsUser                *int  `yaml:"runAsUser"`
	ReadOnlyRootFilesystem   *bool `yaml:"readOnlyRootFilesystem"`
	AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
	Capabilities             struct {
		Drop []string `yaml:"drop"`
	} `yaml:"capabilities"`
}

type container struct {
	Name    string   `yaml:"name"`
	Image   string   `yaml:"image"`
	Command []string `yaml:"command"`
	Args    []string `yaml:"args"`
	Ports   []struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
	} `yaml:"ports"`
	Env []struct {
		Name      string  `yaml:"name"`
		Value     *string `yaml:"value"`
		ValueFrom *struct {
			SecretKeyRef *struct {
				Name string `yaml:"name"`
				Key  string `yaml:"key"`
			} `yaml:"secretKeyRef"`
			ConfigMapKeyRef *struct {
				Name string `yaml:"name"`
				Key  string `yaml:"key"`
			} `yaml:"configMapKeyRef"`
		} `yaml:"valueFrom"`
	} `yaml:"env"`
	EnvFrom []struct {
		ConfigMapRef *struct {
			Name string `yaml:"name"`
		} `yaml:"configMapRef"`
		SecretRef *struct {
			Name string `yaml:"name"`
		} `yaml:"secretRef"`
	} `yaml:"envFrom"`
	ReadinessProbe  *probe `yaml:"readinessProbe"`
	LivenessProbe   *probe `yaml:"livenessProbe"`
	SecurityContext secCtx `yaml:"securityContext"`
	Resources       struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
}

type podTemplate struct {
	Metadata meta `yaml:"metadata"`
	Spec     struct {
		SecurityContext secCtx      `yaml:"securityContext"`
		Containers      []container `yaml:"containers"`
		InitContainers  []container `yaml:"initContainers"`
	} `yaml:"spec"`
}

// workload is the part of a Deployment's or a Job's spec the test reads.
type workload struct {
	Replicas *int `yaml:"replicas"`
	Selector struct {
		MatchLabels map[string]string `yaml:"matchLabels"`
	} `yaml:"selector"`
	Template podTemplate `yaml:"template"`
}

type kustomization struct {
	APIVersion string   `yaml:"apiVersion"`
	Kind       string   `yaml:"kind"`
	Resources  []string `yaml:"resources"`
	Images     []struct {
		Name    string `yaml:"name"`
		NewName string `yaml:"newName"`
		NewTag  string `yaml:"newTag"`
	} `yaml:"images"`
}

// load parses every YAML file in this folder except kustomization.yaml, one manifest per document.
func load(t *testing.T) (byFile map[string][]*manifest, all []*manifest) {
	t.Helper()
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	yml, _ := filepath.Glob("*.yml")
	if len(yml) > 0 {
		t.Errorf("use the .yaml extension: %v", yml)
	}
	byFile = map[string][]*manifest{}
	for _, f := range files {
		if f == "kustomization.yaml" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(false)
		for {
			var m manifest
			err := dec.Decode(&m)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if m.Kind == "" && m.APIVersion == "" && m.Metadata.Name == "" {
				continue // an empty document, e.g. after a trailing ---
			}
			m.file = f
			if m.APIVersion == "" || m.Kind == "" || m.Metadata.Name == "" {
				t.Errorf("%s: a document lacks apiVersion, kind or metadata.name (%q, %q, %q)", f, m.APIVersion, m.Kind, m.Metadata.Name)
			}
			byFile[f] = append(byFile[f], &m)
			all = append(all, &m)
		}
		if len(byFile[f]) == 0 {
			t.Errorf("%s: no manifest in it", f)
		}
	}
	return byFile, all
}

func loadKustomization(t *testing.T) kustomization {
	t.Helper()
	b, err := os.ReadFile("kustomization.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var k kustomization
	if err := yaml.Unmarshal(b, &k); err != nil {
		t.Fatalf("kustomization.yaml: %v", err)
	}
	return k
}

func find(all []*manifest, kind, name string) *manifest {
	for _, m := range all {
		if m.Kind == kind && m.Metadata.Name == name {
			return m
		}
	}
	return nil
}

func workloadOf(t *testing.T, m *manifest) workload {
	t.Helper()
	var w workload
	if err := m.Spec.Decode(&w); err != nil {
		t.Fatalf("%s %s: %v", m.Kind, m.Metadata.Name, err)
	}
	return w
}

// workloads are the Deployments and Jobs, by "Kind/name".
func workloads(t *testing.T, all []*manifest) map[string]workload {
	t.Helper()
	out := map[string]workload{}
	for _, m := range all {
		if m.Kind == "Deployment" || m.Kind == "Job" {
			out[m.Kind+"/"+m.Metadata.Name] = workloadOf(t, m)
		}
	}
	return out
}

func TestKustomization_ListsEveryManifestAndNothingElse(t *testing.T) {
	byFile, _ := load(t)
	k := loadKustomization(t)
	if k.APIVersion != "kustomize.config.k8s.io/v1beta1" || k.Kind != "Kustomization" {
		t.Errorf("kustomization.yaml: apiVersion/kind = %q/%q", k.APIVersion, k.Kind)
	}
	seen := map[string]bool{}
	for _, r := range k.Resources {
		if seen[r] {
			t.Errorf("kustomization.yaml lists %s twice", r)
		}
		seen[r] = true
		if _, err := os.Stat(r); err != nil {
			t.Errorf("kustomization.yaml lists %s, which does not exist", r)
		}
		if r == secretExample {
			t.Errorf("kustomization.yaml lists %s: the example Secret must never be applied", r)
		}
	}
	for f := range byFile {
		if f != secretExample && !seen[f] {
			t.Errorf("%s is not listed in kustomization.yaml resources", f)
		}
	}
	if _, ok := byFile[secretExample]; !ok {
		t.Errorf("%s is missing", secretExample)
	}
}

func TestWeb_TwoReplicasAndProbes(t *testing.T) {
	_, all := load(t)
	m := find(all, "Deployment", "danvan-web")
	if m == nil {
		t.Fatal("no Deployment danvan-web")
	}
	w := workloadOf(t, m)
	if w.Replicas == nil {
		t.Error("danvan-web: replicas not set, want 2")
	} else if *w.Replicas != 2 {
		t.Errorf("danvan-web replicas = %d, want 2", *w.Replicas)
	}
	if len(w.Template.Spec.Containers) != 1 {
		t.Fatalf("danvan-web has %d containers, want 1", len(w.Template.Spec.Containers))
	}
	c := w.Template.Spec.Containers[0]
	ports := map[string]int{}
	for _, p := range c.Ports {
		ports[p.Name] = p.ContainerPort
	}
	for _, pc := range []struct {
		name string
		p    *probe
		path string
	}{{"readinessProbe", c.ReadinessProbe, "/readyz"}, {"livenessProbe", c.LivenessProbe, "/healthz"}} {
		if pc.p == nil || pc.p.HTTPGet == nil {
			t.Errorf("danvan-web: no %s httpGet", pc.name)
			continue
		}
		if pc.p.HTTPGet.Path != pc.path {
			t.Errorf("danvan-web %s path = %q, want %q", pc.name, pc.p.HTTPGet.Path, pc.path)
		}
		port := pc.p.HTTPGet.Port.Value
		if _, named := ports[port]; !named && port != "8080" {
			t.Errorf("danvan-web %s port %q is neither a named container port nor 8080", pc.name, port)
		}
	}
	// The container port is the one the app listens on (DANVAN_HTTP_ADDR from the ConfigMap).
	env := containerEnv(t, all, c)
	_, port, err := net.SplitHostPort(env["DANVAN_HTTP_ADDR"])
	if err != nil {
		t.Fatalf("danvan-web DANVAN_HTTP_ADDR %q: %v", env["DANVAN_HTTP_ADDR"], err)
	}
	if got := ports["http"]; port != "8080" || got != 8080 {
		t.Errorf("danvan-web listens on %q, container port http = %d; want both 8080", port, got)
	}
}

func TestServiceAndIngress_ReachWeb(t *testing.T) {
	_, all := load(t)
	web := workloadOf(t, find(all, "Deployment", "danvan-web"))
	svcM := find(all, "Service", "danvan-web")
	if svcM == nil {
		t.Fatal("no Service danvan-web")
	}
	var svc struct {
		Selector map[string]string `yaml:"selector"`
		Ports    []struct {
			Name       string    `yaml:"name"`
			TargetPort yaml.Node `yaml:"targetPort"`
		} `yaml:"ports"`
	}
	if err := svcM.Spec.Decode(&svc); err != nil {
		t.Fatal(err)
	}
	if len(svc.Selector) == 0 {
		t.Error("Service danvan-web has no selector")
	}
	for k, v := range svc.Selector {
		if web.Template.Metadata.Labels[k] != v {
			t.Errorf("Service selector %s=%s does not match the web pods (%v)", k, v, web.Template.Metadata.Labels)
		}
	}
	for _, m := range all {
		if m.Kind != "Deployment" && m.Kind != "Job" || m.Metadata.Name == "danvan-web" {
			continue
		}
		if matches(svc.Selector, workloadOf(t, m).Template.Metadata.Labels) {
			t.Errorf("Service danvan-web also selects the pods of %s %s", m.Kind, m.Metadata.Name)
		}
	}
	svcPorts := map[string]bool{}
	for _, p := range svc.Ports {
		svcPorts[p.Name] = true
		if p.TargetPort.Value != "http" && p.TargetPort.Value != "8080" {
			t.Errorf("Service port %s targets %q, want the web container's http port", p.Name, p.TargetPort.Value)
		}
	}

	ing := find(all, "Ingress", "danvan-web")
	if ing == nil {
		t.Fatal("no Ingress danvan-web")
	}
	var spec struct {
		Rules []struct {
			HTTP struct {
				Paths []struct {
					Backend struct {
						Service struct {
							Name string `yaml:"name"`
							Port struct {
								Name   string `yaml:"name"`
								Number int    `yaml:"number"`
							} `yaml:"port"`
						} `yaml:"service"`
					} `yaml:"backend"`
				} `yaml:"paths"`
			} `yaml:"http"`
		} `yaml:"rules"`
	}
	if err := ing.Spec.Decode(&spec); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range spec.Rules {
		for _, p := range r.HTTP.Paths {
			n++
			b := p.Backend.Service
			if b.Name != "danvan-web" || !svcPorts[b.Port.Name] {
				t.Errorf("Ingress backend %s:%s is not a port of Service danvan-web", b.Name, b.Port.Name)
			}
		}
	}
	if n == 0 {
		t.Error("Ingress danvan-web routes nothing")
	}
}

func matches(selector, labels map[string]string) bool {
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return len(selector) > 0
}

// containerEnv is the environment a container gets, with the example Secret's values for
// secretKeyRef. It fails the test on a reference to a ConfigMap, Secret or key that is not there.
func containerEnv(t *testing.T, all []*manifest, c container) map[string]string {
	t.Helper()
	env := map[string]string{}
	for _, ef := range c.EnvFrom {
		switch {
		case ef.ConfigMapRef != nil:
			cm := find(all, "ConfigMap", ef.ConfigMapRef.Name)
			if cm == nil || cm.file == secretExample {
				t.Errorf("container %s: envFrom ConfigMap %q is not in the base", c.Name, ef.ConfigMapRef.Name)
				continue
			}
			for k, v := range cm.Data {
				env[k] = v
			}
		case ef.SecretRef != nil:
			t.Errorf("container %s: envFrom Secret %q; name each secret variable with secretKeyRef", c.Name, ef.SecretRef.Name)
		}
	}
	for _, e := range c.Env {
		switch {
		case e.Value != nil:
			env[e.Name] = *e.Value
		case e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil:
			ref := e.ValueFrom.SecretKeyRef
			s := find(all, "Secret", ref.Name)
			if s == nil {
				t.Errorf("container %s: %s refers to Secret %q, which %s does not show", c.Name, e.Name, ref.Name, secretExample)
				continue
			}
			v, ok := s.StringData[ref.Key]
			if !ok {
				t.Errorf("container %s: %s refers to key %q of Secret %s, which %s lacks", c.Name, e.Name, ref.Key, ref.Name, secretExample)
			}
			env[e.Name] = v
		case e.ValueFrom != nil && e.ValueFrom.ConfigMapKeyRef != nil:
			ref := e.ValueFrom.ConfigMapKeyRef
			cm := find(all, "ConfigMap", ref.Name)
			if cm == nil {
				t.Errorf("container %s: %s refers to ConfigMap %q, which is not in the base", c.Name, e.Name, ref.Name)
				continue
			}
			v, ok := cm.Data[ref.Key]
			if !ok {
				t.Errorf("container %s: %s refers to missing key %q of ConfigMap %s", c.Name, e.Name, ref.Key, ref.Name)
			}
			env[e.Name] = v
		default:
			t.Errorf("container %s: %s has neither a value nor a supported valueFrom", c.Name, e.Name)
		}
	}
	return env
}

// TestEnv_IsWhatConfigReads checks every variable named in the manifests against internal/config
// (its list of variables, and a full parse of each container's environment, as the binary does on
// start), and that the example Secret holds a key for every reference.
func TestEnv_IsWhatConfigReads(t *testing.T) {
	_, all := load(t)
	known := map[string]bool{}
	for _, v := range config.Vars {
		known[v.Name] = true
	}
	for _, m := range all {
		if m.Kind == "ConfigMap" {
			for k := range m.Data {
				if !known[k] {
					t.Errorf("ConfigMap %s: %s is not a variable internal/config reads", m.Metadata.Name, k)
				}
			}
		}
	}
	secretRefs := map[string]bool{}
	for name, w := range workloads(t, all) {
		for _, c := range append(w.Template.Spec.InitContainers, w.Template.Spec.Containers...) {
			for _, e := range c.Env {
				if !known[e.Name] {
					t.Errorf("%s container %s: %s is not a variable internal/config reads", name, c.Name, e.Name)
				}
				if e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil {
					secretRefs[e.ValueFrom.SecretKeyRef.Key] = true
				}
			}
			env := containerEnv(t, all, c)
			if _, err := config.FromMap(env); err != nil {
				t.Errorf("%s container %s: the binary would refuse this environment: %v", name, c.Name, err)
			}
			// Production runs on external services only: an embedded default would write to
			// the read-only root file system and lose data on restart.
			cfg, err := config.FromMap(env)
			if err == nil && slices.Contains(c.Args, "migrate") {
				if strings.HasPrefix(cfg.MigrateDatabaseURL, "sqlite:") {
					t.Errorf("%s container %s: migrates the embedded SQLite database", name, c.Name)
				}
				// Without an app role, migrate up grants the web and worker role nothing.
				if cfg.AppDBRole == "" {
					t.Errorf("%s container %s: no app role to grant table access to (set DANVAN_DATABASE_URL to the app's URL or DANVAN_APP_DB_ROLE)", name, c.Name)
				}
			} else if err == nil {
				if db, redis, s3 := cfg.Embedded(); db || redis || s3 {
					t.Errorf("%s container %s: embedded database/redis/s3 = %v/%v/%v; set every external service", name, c.Name, db, redis, s3)
				}
			}
		}
	}
	// Every key of the example Secret is used: it documents exactly what to create.
	for _, m := range all {
		if m.Kind == "Secret" {
			var keys []string
			for k := range m.StringData {
				if !secretRefs[k] {
					keys = append(keys, k)
				}
			}
			sort.Strings(keys)
			if len(keys) > 0 {
				t.Errorf("Secret %s example has keys no container uses: %v", m.Metadata.Name, keys)
			}
			if len(m.Data) > 0 {
				t.Errorf("Secret %s example: use stringData, not base64 data", m.Metadata.Name)
			}
		}
	}
}

// TestContainers_ImagesCommandsAndSecurity checks that every container runs the one image with a
// real subcommand of cmd/danvan, as non-root on a read-only root file system, with resources.
func TestContainers_ImagesCommandsAndSecurity(t *testing.T) {
	_, all := load(t)
	k := loadKustomization(t)
	mapped := false
	for _, im := range k.Images {
		if im.Name == image && im.NewName != "" {
			mapped = true
		}
	}
	if !mapped {
		t.Errorf("kustomization.yaml images: no entry maps %q to a registry image", image)
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "cmd", "danvan", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	usage := usageLines(string(src))
	if len(usage) == 0 {
		t.Fatal("cmd/danvan/main.go: no usage lines found")
	}
	want := map[string][]string{
		"Deployment/danvan-web":    {"serve", "--web-only"},
		"Deployment/danvan-worker": {"worker"},
		"Job/danvan-migrate":       {"migrate", "up"},
	}
	ws := workloads(t, all)
	for name, args := range want {
		w, ok := ws[name]
		if !ok {
			t.Errorf("no %s", name)
			continue
		}
		if len(w.Template.Spec.Containers) != 1 || !slices.Equal(w.Template.Spec.Containers[0].Args, args) {
			t.Errorf("%s: want one container with args %q", name, args)
		}
	}
	for name, w := range ws {
		if !matches(w.Selector.MatchLabels, w.Template.Metadata.Labels) && !strings.HasPrefix(name, "Job/") {
			t.Errorf("%s: selector %v does not match its pod labels %v", name, w.Selector.MatchLabels, w.Template.Metadata.Labels)
		}
		pod := w.Template.Spec.SecurityContext
		for _, c := range append(w.Template.Spec.InitContainers, w.Template.Spec.Containers...) {
			where := name + " container " + c.Name
			if c.Image != image {
				t.Errorf("%s: image %q, want %q (set the real image in kustomization.yaml)", where, c.Image, image)
			}
			if len(c.Command) > 0 {
				t.Errorf("%s: command %q replaces the image's entrypoint /danvan; use args", where, c.Command)
			}
			if !inUsage(usage, c.Args) {
				t.Errorf("%s: args %q are not a command in cmd/danvan's usage:\n%s", where, c.Args, strings.Join(usage, "\n"))
			}
			sc := c.SecurityContext
			if !isTrue(sc.RunAsNonRoot) && !isTrue(pod.RunAsNonRoot) {
				t.Errorf("%s: runAsNonRoot is not set", where)
			}
			for _, u := range []*int{sc.RunAsUser, pod.RunAsUser} {
				if u != nil && *u == 0 {
					t.Errorf("%s: runAsUser 0", where)
				}
			}
			if !isTrue(sc.ReadOnlyRootFilesystem) {
				t.Errorf("%s: readOnlyRootFilesystem is not true", where)
			}
			if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
				t.Errorf("%s: allowPrivilegeEscalation is not false", where)
			}
			if !slices.Contains(sc.Capabilities.Drop, "ALL") {
				t.Errorf("%s: capabilities do not drop ALL", where)
			}
			if c.Resources.Requests["cpu"] == "" || c.Resources.Requests["memory"] == "" || c.Resources.Limits["memory"] == "" {
				t.Errorf("%s: want cpu and memory requests and a memory limit, got %+v", where, c.Resources)
			}
		}
	}
}

func isTrue(b *bool) bool { return b != nil && *b }

// usageLines are the "danvan ..." lines of the usage text in cmd/danvan/main.go.
func usageLines(src string) []string {
	_, rest, ok := strings.Cut(src, "const usage = `")
	if !ok {
		return nil
	}
	text, _, _ := strings.Cut(rest, "`")
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "danvan ") {
			out = append(out, l)
		}
	}
	return out
}

// inUsage reports whether a usage line starts with "danvan ARGS[0]" and names every other arg.
func inUsage(usage, args []string) bool {
	if len(args) == 0 {
		return false
	}
	for _, l := range usage {
		fields := strings.Fields(l)
		if len(fields) < 2 || fields[1] != args[0] {
			continue
		}
		all := true
		for _, a := range args[1:] {
			if !slices.ContainsFunc(fields[2:], func(f string) bool { return strings.Trim(f, "[]|") == a }) {
				all = false
			}
		}
		if all {
			return true
		}
	}
	return false
}
