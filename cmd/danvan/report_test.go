package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportRender_EmbeddedDefault: on the embedded default, with no server running, `danvan
// migrate up`, `danvan seed demo` and `danvan report render --period latest` write the
// province report's three files.
func TestReportRender_EmbeddedDefault(t *testing.T) {
	dir := t.TempDir()
	for _, k := range []string{"DANVAN_DATABASE_URL", "DANVAN_MIGRATE_DATABASE_URL", "DANVAN_REDIS_URL", "DANVAN_S3_ENDPOINT", "DANVAN_CONFIG_FILE"} {
		t.Setenv(k, "") // the embedded default
	}
	cfg := []string{"--config", filepath.Join(dir, "danvan.env")}
	if err := os.WriteFile(cfg[1], []byte("DANVAN_DATA_DIR="+filepath.Join(dir, "data")+"\nDANVAN_LOG_LEVEL=error\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, args := range [][]string{{"migrate", "up"}, {"seed", "demo"}} {
		if err := run(append(cfg, args...), &out); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out.String())
		}
	}
	out.Reset()
	dest := filepath.Join(dir, "out")
	if err := run(append(cfg, "report", "render", "--tenant", "quang-ngai", "--period", "latest", "--out", dest), &out); err != nil {
		t.Fatalf("report render: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Báo cáo 6 tháng đầu năm 2025") {
		t.Errorf("render said %q, want the H1 2025 period (the latest whose deadline has passed)", out.String())
	}
	for _, ext := range []string{"docx", "xlsx", "pdf"} {
		b, err := os.ReadFile(filepath.Join(dest, "bao-cao-2025-H1."+ext))
		if err != nil {
			t.Fatal(err)
		}
		switch ext {
		case "pdf":
			if !bytes.HasPrefix(b, []byte("%PDF")) {
				t.Error("not a PDF")
			}
		default:
			if _, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil {
				t.Errorf("%s is not an OOXML zip: %v", ext, err)
			}
		}
	}
	// Bad arguments are named.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "render"}, "usage"},
		{[]string{"report", "render", "--tenant", "khong-co"}, `no province "khong-co"`},
		{[]string{"report", "render", "--tenant", "quang-ngai", "--period", "abc"}, "period id or latest"},
		{[]string{"report", "render", "--tenant", "quang-ngai", "--period", "99999"}, "no period 99999"},
	} {
		err := run(append(cfg, c.args...), &out)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
}
