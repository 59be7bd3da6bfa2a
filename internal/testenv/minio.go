package testenv

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"go/build"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/internal/storage"
)

// S3 returns a storage.Config for tests: from DANVAN_TEST_S3_ENDPOINT, DANVAN_TEST_S3_ACCESS_KEY, DANVAN_TEST_S3_SECRET_KEY when set;
// otherwise, when a `minio` binary is on PATH (or in $(go env GOPATH)/bin), it starts one once per test process
// (sync.Once) in a temp dir on a free 127.0.0.1 port with random root credentials, waits until it is ready, and returns its config;
// otherwise t.Fatal with a clear message saying how to provide MinIO. Use a unique BucketPrefix per call (e.g. "t"+random+"-") so tests don't collide.
//
// DANVAN_TEST_S3_ENDPOINT is host:port; an "https://" in front of it selects
// TLS. Every call returns a new BucketPrefix ("t" + 8 random characters +
// "-"), so tests never share buckets; they should still remove the buckets
// they create (storage.Store.RemoveBucket).
func S3(t testing.TB) storage.Config {
	t.Helper()
	prefix := "t" + strings.ToLower(rand.Text()[:8]) + "-"
	if ep := os.Getenv("DANVAN_TEST_S3_ENDPOINT"); ep != "" {
		ak, sk := os.Getenv("DANVAN_TEST_S3_ACCESS_KEY"), os.Getenv("DANVAN_TEST_S3_SECRET_KEY")
		if ak == "" || sk == "" {
			t.Fatal("testenv: DANVAN_TEST_S3_ENDPOINT is set but DANVAN_TEST_S3_ACCESS_KEY or DANVAN_TEST_S3_SECRET_KEY is empty")
		}
		useTLS := strings.HasPrefix(ep, "https://")
		ep = strings.TrimPrefix(strings.TrimPrefix(ep, "https://"), "http://")
		return storage.Config{Endpoint: ep, AccessKey: ak, SecretKey: sk, UseTLS: useTLS, BucketPrefix: prefix}
	}
	theMinIO.once.Do(theMinIO.start)
	if theMinIO.err != nil {
		t.Fatalf("testenv: no S3 server for tests: %v\n"+
			"Provide one either way:\n"+
			"  - install MinIO: go install github.com/minio/minio@v0.0.0-20260212201848-7aac2a2c5b7c (it lands in $(go env GOPATH)/bin; takes minutes), or\n"+
			"  - point at a running S3 server: DANVAN_TEST_S3_ENDPOINT=host:port DANVAN_TEST_S3_ACCESS_KEY=... DANVAN_TEST_S3_SECRET_KEY=...",
			theMinIO.err)
	}
	cfg := theMinIO.cfg
	cfg.BucketPrefix = prefix
	return cfg
}

// StopMinIO stops a MinIO started by S3 (call from TestMain after m.Run()).
// It does nothing when S3 started none, and may be called more than once.
func StopMinIO() { theMinIO.stop() }

// theMinIO is the MinIO server that S3 starts at most once per process.
var theMinIO = &minioServer{}

// minioServer is a MinIO child process serving a temporary directory.
type minioServer struct {
	once sync.Once
	cfg  storage.Config // result of start, read after once
	err  error          // result of start, read after once

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{} // closed when cmd has exited
	dir    string        // temporary directory: data/ and minio.log
}

// start finds the minio binary, runs it and waits until it serves requests.
func (m *minioServer) start() {
	m.cfg, m.err = m.run()
	if m.err != nil {
		m.stop()
	}
}

func (m *minioServer) run() (storage.Config, error) {
	bin, err := m.binary()
	if err != nil {
		return storage.Config{}, err
	}
	dir, err := os.MkdirTemp("", "danvan-minio-")
	if err != nil {
		return storage.Config{}, fmt.Errorf("create temp dir for MinIO: %w", err)
	}
	m.mu.Lock()
	m.dir = dir
	m.mu.Unlock()
	logPath := filepath.Join(dir, "minio.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return storage.Config{}, fmt.Errorf("create MinIO log: %w", err)
	}
	defer logFile.Close() // the child keeps its own descriptor

	ports, err := m.freePorts(2)
	if err != nil {
		return storage.Config{}, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", ports[0])
	user := "danvan" + strings.ToLower(rand.Text()[:10])
	password := strings.ToLower(rand.Text())

	cmd := exec.Command(bin, "server", filepath.Join(dir, "data"),
		"--address", addr,
		"--console-address", fmt.Sprintf("127.0.0.1:%d", ports[1]),
		"--quiet")
	// Drop any MINIO_* setting of the caller: it could point the server at
	// other drives or credentials.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MINIO_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env,
		"MINIO_ROOT_USER="+user,
		"MINIO_ROOT_PASSWORD="+password,
		"MINIO_BROWSER=off",
		"MINIO_UPDATE=off",
	)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	// On Linux, have the kernel kill MinIO if the test process dies without
	// calling StopMinIO (a panic, a -timeout). Pdeathsig exists only there,
	// hence reflection, which keeps this file building on every platform.
	if f := reflect.ValueOf(cmd.SysProcAttr).Elem().FieldByName("Pdeathsig"); f.IsValid() && f.CanSet() {
		f.Set(reflect.ValueOf(syscall.SIGKILL))
	}
	if err := cmd.Start(); err != nil {
		return storage.Config{}, fmt.Errorf("start %s: %w", bin, err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	m.mu.Lock()
	m.cmd, m.exited = cmd, exited
	m.mu.Unlock()

	cfg := storage.Config{Endpoint: addr, AccessKey: user, SecretKey: password}
	if err := m.waitReady(cfg, exited); err != nil {
		tail, _ := os.ReadFile(logPath)
		if len(tail) > 4000 {
			tail = tail[len(tail)-4000:]
		}
		return storage.Config{}, fmt.Errorf("MinIO (%s) at %s: %w; its output:\n%s", bin, addr, err, tail)
	}
	return cfg, nil
}

// binary returns the path of the minio binary: on PATH, else in GOBIN or
// GOPATH/bin.
func (m *minioServer) binary() (string, error) {
	if p, err := exec.LookPath("minio"); err == nil {
		return p, nil
	}
	var dirs []string
	if gobin := os.Getenv("GOBIN"); gobin != "" {
		dirs = append(dirs, gobin)
	}
	for _, gp := range filepath.SplitList(build.Default.GOPATH) {
		dirs = append(dirs, filepath.Join(gp, "bin"))
	}
	for _, d := range dirs {
		p := filepath.Join(d, "minio")
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("no minio binary on PATH nor in %s", strings.Join(dirs, ", "))
}

// freePorts returns n distinct free TCP ports on 127.0.0.1.
func (m *minioServer) freePorts(n int) ([]int, error) {
	var ports []int
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		defer ln.Close() // held until all are chosen, so they differ
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// waitReady polls the liveness endpoint, then makes a signed request, until
// both succeed, the process exits, or a minute passes.
func (m *minioServer) waitReady(cfg storage.Config, exited <-chan struct{}) error {
	store, err := storage.New(cfg)
	if err != nil {
		return err
	}
	client := &http.Client{Timeout: 2 * time.Second}
	live := "http://" + cfg.Endpoint + "/minio/health/live"
	deadline := time.Now().Add(time.Minute)
	var last error
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("exited before it was ready")
		default:
		}
		last = func() error {
			resp, err := client.Get(live)
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("%s: %s", live, resp.Status)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return store.Ping(ctx)
		}()
		if last == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("not ready after a minute: %v", last)
}

// stop ends the MinIO process, if any, and removes its directory.
func (m *minioServer) stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cmd != nil && m.cmd.Process != nil {
		_ = m.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-m.exited:
		case <-time.After(10 * time.Second):
			_ = m.cmd.Process.Kill()
			<-m.exited
		}
		m.cmd = nil
	}
	if m.dir != "" {
		_ = os.RemoveAll(m.dir)
		m.dir = ""
	}
}
