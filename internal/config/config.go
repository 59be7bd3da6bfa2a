// Package config loads danvan's configuration once, from DANVAN_* environment variables and an
// optional file of KEY=value lines (DANVAN_CONFIG_FILE or --config); the environment wins. It is
// the only place that reads the environment. Unset production services mean the embedded
// default: SQLite under the data dir, in-process Redis, in-process S3 server.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"
	"github.com/redis/go-redis/v9"
)

// Config is danvan's whole configuration.
type Config struct {
	HTTPAddr string // DANVAN_HTTP_ADDR
	BaseURL  string // DANVAN_BASE_URL, the address users reach
	DataDir  string // DANVAN_DATA_DIR, for the embedded default

	DatabaseURL        string // DANVAN_DATABASE_URL; empty: SQLite under DataDir
	MigrateDatabaseURL string // DANVAN_MIGRATE_DATABASE_URL; the schema owner; default DatabaseURL
	AppDBRole          string // DANVAN_APP_DB_ROLE; granted access after migrations

	RedisURL string // DANVAN_REDIS_URL; empty: in-process Redis

	S3Endpoint     string // DANVAN_S3_ENDPOINT host:port; empty: in-process S3 server
	S3AccessKey    string // DANVAN_S3_ACCESS_KEY
	S3SecretKey    string // DANVAN_S3_SECRET_KEY
	S3UseTLS       bool   // DANVAN_S3_USE_TLS
	S3Region       string // DANVAN_S3_REGION
	S3BucketPrefix string // DANVAN_S3_BUCKET_PREFIX

	SMTPURL  string // DANVAN_SMTP_URL: smtp://user:pass@host:587 (STARTTLS) or smtps://…; empty: mail stays in the outbox
	MailFrom string // DANVAN_MAIL_FROM, the sender of danvan's mail

	LogLevel  string // DANVAN_LOG_LEVEL: debug, info, warn, error
	LogFormat string // DANVAN_LOG_FORMAT: text or json

	RequestTimeout    time.Duration // DANVAN_REQUEST_TIMEOUT
	ShutdownTimeout   time.Duration // DANVAN_SHUTDOWN_TIMEOUT
	BodyLimit         string        // DANVAN_BODY_LIMIT, e.g. 32M
	WorkerConcurrency int           // DANVAN_WORKER_CONCURRENCY
	SessionTTL        time.Duration // DANVAN_SESSION_TTL
	SessionIdle       time.Duration // DANVAN_SESSION_IDLE
}

// Var documents one configuration variable (for --help and README).
type Var struct {
	Name, Default, Help string
}

// Vars lists every variable with its default.
var Vars = []Var{
	{"DANVAN_HTTP_ADDR", "127.0.0.1:8080", "address the web server listens on"},
	{"DANVAN_BASE_URL", "http://127.0.0.1:8080", "public URL of the web app"},
	{"DANVAN_DATA_DIR", "./data", "where the embedded default keeps its SQLite file and objects"},
	{"DANVAN_DATABASE_URL", "(embedded SQLite)", "postgres://user:pass@host:5432/db?sslmode=… as the application role (no BYPASSRLS)"},
	{"DANVAN_MIGRATE_DATABASE_URL", "DANVAN_DATABASE_URL", "URL of the schema owner, used by `danvan migrate up`"},
	{"DANVAN_APP_DB_ROLE", "user of DANVAN_DATABASE_URL when it differs from the owner", "role granted table access after migrations"},
	{"DANVAN_REDIS_URL", "(in-process Redis)", "redis://host:6379/0"},
	{"DANVAN_S3_ENDPOINT", "(in-process S3 server)", "host:port of MinIO or another S3 server"},
	{"DANVAN_S3_ACCESS_KEY", "", "required with DANVAN_S3_ENDPOINT"},
	{"DANVAN_S3_SECRET_KEY", "", "required with DANVAN_S3_ENDPOINT"},
	{"DANVAN_S3_USE_TLS", "false", "use https to reach the S3 server"},
	{"DANVAN_S3_REGION", "us-east-1", "S3 region"},
	{"DANVAN_S3_BUCKET_PREFIX", "danvan-", "bucket of province SLUG is PREFIX+SLUG"},
	{"DANVAN_SMTP_URL", "(none: mail stays in the outbox, shown on the platform's mail preview)", "smtp://user:pass@host:587 (STARTTLS, required unless the host is loopback) or smtps://user:pass@host:465 (implicit TLS)"},
	{"DANVAN_MAIL_FROM", "Hệ thống Dân vận <no-reply@danvan.local>", "sender of danvan's e-mail, an address with an optional name"},
	{"DANVAN_LOG_LEVEL", "info", "debug, info, warn or error"},
	{"DANVAN_LOG_FORMAT", "text", "text or json"},
	{"DANVAN_REQUEST_TIMEOUT", "30s", "longest time a request may take"},
	{"DANVAN_SHUTDOWN_TIMEOUT", "30s", "how long SIGTERM waits for requests and jobs in flight"},
	{"DANVAN_BODY_LIMIT", "64M", "largest request body"},
	{"DANVAN_WORKER_CONCURRENCY", "4", "jobs run at once by a worker"},
	{"DANVAN_SESSION_TTL", "12h", "login session lifetime from login (absolute)"},
	{"DANVAN_SESSION_IDLE", "2h", "a session ends after this long without a request"},
	{"DANVAN_CONFIG_FILE", "", "optional file of KEY=value lines; the environment wins"},
}

// Load reads the configuration from the environment and the optional file. file overrides
// DANVAN_CONFIG_FILE when not empty.
func Load(file string) (*Config, error) {
	env := map[string]string{}
	if file == "" {
		file = os.Getenv("DANVAN_CONFIG_FILE")
	}
	if file != "" {
		m, err := godotenv.Read(file)
		if err != nil {
			return nil, fmt.Errorf("config: read %s: %w", file, err)
		}
		for k, v := range m {
			env[k] = v
		}
	}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "DANVAN_") {
			env[k] = v
		}
	}
	return FromMap(env)
}

// FromMap builds and validates a Config from variables; every bad variable is named.
func FromMap(env map[string]string) (*Config, error) {
	var errs []error
	get := func(k, def string) string {
		if v, ok := env[k]; ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
		return def
	}
	dur := func(k, def string) time.Duration {
		d, err := time.ParseDuration(get(k, def))
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s: %q is not a positive duration such as 30s or 5m", k, get(k, def)))
		}
		return d
	}
	boolean := func(k string) bool {
		v := get(k, "false")
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %q is not true or false", k, v))
		}
		return b
	}
	c := &Config{
		HTTPAddr:           get("DANVAN_HTTP_ADDR", "127.0.0.1:8080"),
		DataDir:            get("DANVAN_DATA_DIR", "./data"),
		DatabaseURL:        get("DANVAN_DATABASE_URL", ""),
		MigrateDatabaseURL: get("DANVAN_MIGRATE_DATABASE_URL", ""),
		AppDBRole:          get("DANVAN_APP_DB_ROLE", ""),
		RedisURL:           get("DANVAN_REDIS_URL", ""),
		S3Endpoint:         get("DANVAN_S3_ENDPOINT", ""),
		S3AccessKey:        get("DANVAN_S3_ACCESS_KEY", ""),
		S3SecretKey:        get("DANVAN_S3_SECRET_KEY", ""),
		S3UseTLS:           boolean("DANVAN_S3_USE_TLS"),
		S3Region:           get("DANVAN_S3_REGION", "us-east-1"),
		S3BucketPrefix:     get("DANVAN_S3_BUCKET_PREFIX", "danvan-"),
		SMTPURL:            get("DANVAN_SMTP_URL", ""),
		MailFrom:           get("DANVAN_MAIL_FROM", "Hệ thống Dân vận <no-reply@danvan.local>"),
		LogLevel:           strings.ToLower(get("DANVAN_LOG_LEVEL", "info")),
		LogFormat:          strings.ToLower(get("DANVAN_LOG_FORMAT", "text")),
		RequestTimeout:     dur("DANVAN_REQUEST_TIMEOUT", "30s"),
		ShutdownTimeout:    dur("DANVAN_SHUTDOWN_TIMEOUT", "30s"),
		BodyLimit:          get("DANVAN_BODY_LIMIT", "64M"),
	}
	c.BaseURL = strings.TrimRight(get("DANVAN_BASE_URL", "http://"+c.HTTPAddr), "/")
	c.SessionTTL = dur("DANVAN_SESSION_TTL", "12h")
	c.SessionIdle = dur("DANVAN_SESSION_IDLE", "2h")

	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		errs = append(errs, fmt.Errorf("DANVAN_HTTP_ADDR: %q is not host:port (e.g. 127.0.0.1:8080 or :8080)", c.HTTPAddr))
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("DANVAN_BASE_URL: %q is not an http(s) URL", c.BaseURL))
	}
	for _, k := range []string{"DANVAN_DATABASE_URL", "DANVAN_MIGRATE_DATABASE_URL"} {
		if v := get(k, ""); v != "" && !validDBURL(v) {
			errs = append(errs, fmt.Errorf("%s: want postgres://user:pass@host:5432/db or sqlite:PATH", k))
		}
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = "sqlite:" + filepath.Join(c.DataDir, "danvan.db")
	}
	if c.MigrateDatabaseURL == "" {
		c.MigrateDatabaseURL = c.DatabaseURL
	}
	if c.AppDBRole == "" && c.MigrateDatabaseURL != c.DatabaseURL {
		if u, err := url.Parse(c.DatabaseURL); err == nil && u.User != nil {
			c.AppDBRole = u.User.Username()
		}
	}
	if c.RedisURL != "" {
		if _, err := redis.ParseURL(c.RedisURL); err != nil {
			errs = append(errs, fmt.Errorf("DANVAN_REDIS_URL: %v", err))
		}
	}
	if c.S3Endpoint != "" {
		if _, _, err := net.SplitHostPort(c.S3Endpoint); err != nil {
			errs = append(errs, fmt.Errorf("DANVAN_S3_ENDPOINT: %q is not host:port (no scheme; use DANVAN_S3_USE_TLS)", c.S3Endpoint))
		}
		if c.S3AccessKey == "" {
			errs = append(errs, errors.New("DANVAN_S3_ACCESS_KEY: required when DANVAN_S3_ENDPOINT is set"))
		}
		if c.S3SecretKey == "" {
			errs = append(errs, errors.New("DANVAN_S3_SECRET_KEY: required when DANVAN_S3_ENDPOINT is set"))
		}
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			errs = append(errs, errors.New("DANVAN_SMTP_URL: want smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465 (implicit TLS)"))
		} else if p := u.Port(); p != "" {
			if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
				errs = append(errs, fmt.Errorf("DANVAN_SMTP_URL: port %q is not a number from 1 to 65535", p))
			}
		}
	}
	if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		errs = append(errs, fmt.Errorf("DANVAN_MAIL_FROM: %q is not an e-mail address such as Dân vận <no-reply@example.gov.vn>", c.MailFrom))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("DANVAN_LOG_LEVEL: %q is not debug, info, warn or error", c.LogLevel))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("DANVAN_LOG_FORMAT: %q is not text or json", c.LogFormat))
	}
	if n, err := strconv.Atoi(get("DANVAN_WORKER_CONCURRENCY", "4")); err != nil || n < 1 || n > 256 {
		errs = append(errs, fmt.Errorf("DANVAN_WORKER_CONCURRENCY: %q is not a number from 1 to 256", get("DANVAN_WORKER_CONCURRENCY", "4")))
	} else {
		c.WorkerConcurrency = n
	}
	if _, err := ParseBytes(c.BodyLimit); err != nil {
		errs = append(errs, fmt.Errorf("DANVAN_BODY_LIMIT: %v", err))
	}
	for k := range env {
		if strings.HasPrefix(k, "DANVAN_") && !known(k) && !strings.HasPrefix(k, "DANVAN_TEST_") {
			errs = append(errs, fmt.Errorf("%s: unknown variable (see `danvan help config`)", k))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("config: %w", errors.Join(errs...))
	}
	return c, nil
}

func known(k string) bool {
	for _, v := range Vars {
		if v.Name == k {
			return true
		}
	}
	return false
}

func validDBURL(v string) bool {
	if strings.HasPrefix(v, "sqlite:") {
		return len(v) > len("sqlite:")
	}
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") && u.Host != ""
}

// ParseBytes parses sizes such as 512K, 64M, 1G (powers of 1024) or a plain byte count.
func ParseBytes(s string) (int64, error) {
	s = strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for suffix, m := range map[string]int64{"K": 1 << 10, "M": 1 << 20, "G": 1 << 30} {
		if strings.HasSuffix(s, suffix) {
			s, mult = strings.TrimSuffix(s, suffix), m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size such as 64M", s)
	}
	return n * mult, nil
}

// Embedded reports which parts run embedded (in-process) rather than on external services.
func (c *Config) Embedded() (database, redis, s3 bool) {
	return strings.HasPrefix(c.DatabaseURL, "sqlite:"), c.RedisURL == "", c.S3Endpoint == ""
}
