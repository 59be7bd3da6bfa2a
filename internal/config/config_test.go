package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFromMap_Defaults(t *testing.T) {
	c, err := FromMap(map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	db, rd, s3 := c.Embedded()
	if !db || !rd || !s3 {
		t.Errorf("empty config should be fully embedded, got db=%v redis=%v s3=%v", db, rd, s3)
	}
	if c.DatabaseURL != "sqlite:data/danvan.db" {
		t.Errorf("DatabaseURL = %q", c.DatabaseURL)
	}
	if c.BaseURL != "http://127.0.0.1:8080" {
		t.Errorf("BaseURL = %q", c.BaseURL)
	}
}

func TestFromMap_NamesEveryBadVariable(t *testing.T) {
	_, err := FromMap(map[string]string{
		"DANVAN_DATABASE_URL":       "mysql://x",
		"DANVAN_REDIS_URL":          "http://nope",
		"DANVAN_S3_ENDPOINT":        "http://minio:9000",
		"DANVAN_REQUEST_TIMEOUT":    "soon",
		"DANVAN_LOG_LEVEL":          "loud",
		"DANVAN_WORKER_CONCURRENCY": "0",
		"DANVAN_TYPO":               "1",
		"DANVAN_SMTP_URL":           "http://mail:25",
		"DANVAN_MAIL_FROM":          "not an address",
	})
	if err == nil {
		t.Fatal("want an error")
	}
	for _, name := range []string{"DANVAN_DATABASE_URL", "DANVAN_REDIS_URL", "DANVAN_S3_ENDPOINT", "DANVAN_S3_ACCESS_KEY",
		"DANVAN_S3_SECRET_KEY", "DANVAN_REQUEST_TIMEOUT", "DANVAN_LOG_LEVEL", "DANVAN_WORKER_CONCURRENCY", "DANVAN_TYPO",
		"DANVAN_SMTP_URL", "DANVAN_MAIL_FROM"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s: %v", name, err)
		}
	}
}

func TestFromMap_Production(t *testing.T) {
	c, err := FromMap(map[string]string{
		"DANVAN_DATABASE_URL":         "postgres://danvan_app@db:5432/danvan",
		"DANVAN_MIGRATE_DATABASE_URL": "postgres://danvan@db:5432/danvan",
		"DANVAN_REDIS_URL":            "redis://redis:6379/0",
		"DANVAN_S3_ENDPOINT":          "minio:9000",
		"DANVAN_S3_ACCESS_KEY":        "k",
		"DANVAN_S3_SECRET_KEY":        "s",
	})
	if err != nil {
		t.Fatal(err)
	}
	db, rd, s3 := c.Embedded()
	if db || rd || s3 {
		t.Errorf("production config reported embedded parts: db=%v redis=%v s3=%v", db, rd, s3)
	}
	if c.AppDBRole != "danvan_app" {
		t.Errorf("AppDBRole = %q, want the user of DANVAN_DATABASE_URL", c.AppDBRole)
	}
}

func TestLoad_FileThenEnvironment(t *testing.T) {
	f := filepath.Join(t.TempDir(), "danvan.env")
	if err := os.WriteFile(f, []byte("# comment\nDANVAN_HTTP_ADDR=127.0.0.1:9999\nDANVAN_LOG_LEVEL=debug\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DANVAN_LOG_LEVEL", "warn")
	c, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != "127.0.0.1:9999" || c.LogLevel != "warn" {
		t.Errorf("got addr %q level %q; want the file's addr and the environment's level", c.HTTPAddr, c.LogLevel)
	}
}
