package storage_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3afero"

	"github.com/danvan-vn/danvan/internal/storage"
	"github.com/danvan-vn/danvan/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopMinIO()
	os.Exit(code)
}

// server is one S3 implementation the behaviours are checked against.
type server struct {
	name  string
	minio bool
	store *storage.Store
}

// forEachServer runs fn against a real MinIO (testenv.S3) and against the
// embedded server started in a fresh directory.
func forEachServer(t *testing.T, fn func(t *testing.T, srv server)) {
	t.Run("minio", func(t *testing.T) {
		fn(t, server{name: "minio", minio: true, store: newStore(t, testenv.S3(t))})
	})
	t.Run("embedded", func(t *testing.T) {
		e := startEmbedded(t, t.TempDir())
		fn(t, server{name: "embedded", store: newStore(t, e.Config())})
	})
}

func newStore(t testing.TB, cfg storage.Config) *storage.Store {
	t.Helper()
	st, err := storage.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func startEmbedded(t testing.TB, dir string) *storage.EmbeddedServer {
	t.Helper()
	e, err := storage.StartEmbedded(dir, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := e.Close(context.Background()); err != nil {
			t.Errorf("close embedded server: %v", err)
		}
	})
	return e
}

// tenant creates the bucket of slug and removes it when the test ends.
func tenant(t testing.TB, st *storage.Store, slug string) string {
	t.Helper()
	if err := st.EnsureBucket(t.Context(), slug); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.RemoveBucket(context.Background(), slug); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	return slug
}

func put(t testing.TB, st *storage.Store, slug, key, body, contentType string) storage.ObjectInfo {
	t.Helper()
	info, err := st.Put(t.Context(), slug, key, strings.NewReader(body), int64(len(body)), contentType)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func get(t testing.TB, st *storage.Store, slug, key string) (string, storage.ObjectInfo) {
	t.Helper()
	rc, info, err := st.Get(t.Context(), slug, key)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read %s/%s: %v", slug, key, err)
	}
	return string(b), info
}

func keys(infos []storage.ObjectInfo) []string {
	var ks []string
	for _, i := range infos {
		ks = append(ks, i.Key)
	}
	return ks
}

func TestEnsureBucketIdempotent(t *testing.T) {
	forEachServer(t, func(t *testing.T, srv server) {
		st := srv.store
		slug := tenant(t, st, "hanoi")
		for range 3 {
			if err := st.EnsureBucket(t.Context(), slug); err != nil {
				t.Fatalf("EnsureBucket again: %v", err)
			}
		}
		// Concurrent first calls on a new tenant all succeed.
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for range 4 {
			wg.Go(func() { errs <- st.EnsureBucket(t.Context(), "hue") })
		}
		wg.Wait()
		close(errs)
		t.Cleanup(func() { _ = st.RemoveBucket(context.Background(), "hue") })
		for err := range errs {
			if err != nil {
				t.Fatalf("concurrent EnsureBucket: %v", err)
			}
		}
		put(t, st, "hue", "x", "y", "")
		if err := st.EnsureBucket(t.Context(), "hue"); err != nil {
			t.Fatalf("EnsureBucket on a bucket with objects: %v", err)
		}
		if _, err := st.Stat(t.Context(), "hue", "x"); err != nil {
			t.Fatalf("object lost after EnsureBucket: %v", err)
		}
		if err := st.EnsureBucket(t.Context(), "Bad_Slug"); err == nil {
			t.Fatal("EnsureBucket accepted a slug that makes an invalid bucket name")
		}
	})
}

func TestRoundTrip(t *testing.T) {
	forEachServer(t, func(t *testing.T, srv server) {
		st := srv.store
		slug := tenant(t, st, "danang")
		const key = "docs/2026/báo-cáo tháng 3.txt"
		const body = "Xin chào, Đà Nẵng!"
		before := time.Now().Add(-time.Minute)

		info := put(t, st, slug, key, body, "text/plain; charset=utf-8")
		if info.Key != key || info.Size != int64(len(body)) || info.ContentType != "text/plain; charset=utf-8" || info.ETag == "" {
			t.Errorf("Put returned %+v", info)
		}

		stat, err := st.Stat(t.Context(), slug, key)
		if err != nil {
			t.Fatal(err)
		}
		if stat.Key != key || stat.Size != int64(len(body)) || stat.ContentType != "text/plain; charset=utf-8" ||
			stat.ETag != info.ETag || stat.LastModified.Before(before) || stat.LastModified.After(time.Now().Add(time.Minute)) {
			t.Errorf("Stat = %+v, Put returned %+v", stat, info)
		}

		got, ginfo := get(t, st, slug, key)
		if got != body {
			t.Errorf("Get = %q, want %q", got, body)
		}
		if ginfo.Size != stat.Size || ginfo.ContentType != stat.ContentType || ginfo.ETag != stat.ETag {
			t.Errorf("Get info %+v, Stat %+v", ginfo, stat)
		}

		put(t, st, slug, "docs/a.pdf", "%PDF", "application/pdf")
		if info := put(t, st, slug, "empty", "", "text/plain"); info.Size != 0 {
			t.Errorf("Put of an empty object returned %+v", info)
		}
		if got, info := get(t, st, slug, "empty"); got != "" || info.Size != 0 {
			t.Errorf("Get of an empty object = %q, %+v", got, info)
		}
		if err := st.Delete(t.Context(), slug, "empty"); err != nil {
			t.Fatal(err)
		}
		put(t, st, slug, "other/x.bin", "x", "")
		if ct := mustStat(t, st, slug, "other/x.bin").ContentType; ct != "application/octet-stream" {
			t.Errorf("default content type = %q", ct)
		}

		list, err := st.List(t.Context(), slug, "docs/")
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"docs/2026/báo-cáo tháng 3.txt", "docs/a.pdf"}; !slices.Equal(keys(list), want) {
			t.Errorf("List(docs/) = %q, want %q", keys(list), want)
		}
		for _, o := range list {
			if o.Key == "docs/a.pdf" && (o.Size != 4 || o.ETag == "" || o.LastModified.IsZero()) {
				t.Errorf("List entry %+v", o)
			}
		}
		all, err := st.List(t.Context(), slug, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 3 {
			t.Errorf("List() = %q, want 3 keys", keys(all))
		}

		// Overwrite.
		put(t, st, slug, key, "v2", "text/plain")
		if got, _ := get(t, st, slug, key); got != "v2" {
			t.Errorf("after overwrite Get = %q", got)
		}

		if err := st.Delete(t.Context(), slug, "docs/a.pdf"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Stat(t.Context(), slug, "docs/a.pdf"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Stat after Delete: %v, want ErrNotFound", err)
		}
		list, err = st.List(t.Context(), slug, "docs/")
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{key}; !slices.Equal(keys(list), want) {
			t.Errorf("List after Delete = %q, want %q", keys(list), want)
		}
		if err := st.Delete(t.Context(), slug, "docs/a.pdf"); err != nil {
			t.Errorf("second Delete: %v", err)
		}
	})
}

func mustStat(t testing.TB, st *storage.Store, slug, key string) storage.ObjectInfo {
	t.Helper()
	info, err := st.Stat(t.Context(), slug, key)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func TestNotFound(t *testing.T) {
	forEachServer(t, func(t *testing.T, srv server) {
		st := srv.store
		slug := tenant(t, st, "camau")
		ctx := t.Context()

		rc, _, err := st.Get(ctx, slug, "missing.txt")
		if !errors.Is(err, storage.ErrNotFound) || rc != nil {
			t.Errorf("Get missing key: rc=%v err=%v, want nil, ErrNotFound", rc, err)
		}
		if err != nil && !strings.Contains(err.Error(), "storage: get "+st.Bucket(slug)+"/missing.txt") {
			t.Errorf("error does not say what was done: %v", err)
		}
		if _, err := st.Stat(ctx, slug, "missing.txt"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Stat missing key: %v, want ErrNotFound", err)
		}

		// A tenant without a bucket.
		if _, _, err := st.Get(ctx, "nobucket", "k"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Get in missing bucket: %v, want ErrNotFound", err)
		}
		if _, err := st.Stat(ctx, "nobucket", "k"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Stat in missing bucket: %v, want ErrNotFound", err)
		}
		if _, err := st.List(ctx, "nobucket", ""); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("List of missing bucket: %v, want ErrNotFound", err)
		}
		if _, err := st.Put(ctx, "nobucket", "k", strings.NewReader("x"), 1, ""); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Put in missing bucket: %v, want ErrNotFound", err)
		}

		if err := st.Delete(ctx, slug, "missing.txt"); err != nil {
			t.Errorf("Delete missing key: %v", err)
		}
		if err := st.Delete(ctx, "nobucket", "k"); err != nil {
			t.Errorf("Delete in missing bucket: %v", err)
		}
		// Other failures are not "not found".
		if _, err := st.Stat(ctx, slug, "../etc/passwd"); err == nil || errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Stat of an invalid key: %v, want a validation error", err)
		}
	})
}

func TestListMoreThanOnePage(t *testing.T) {
	forEachServer(t, func(t *testing.T, srv server) {
		st := srv.store
		slug := tenant(t, st, "nghean")
		const n = 1003 // S3 lists 1000 keys per page
		var wg sync.WaitGroup
		sem := make(chan struct{}, 8)
		for i := range n {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				key := fmt.Sprintf("p/%04d", i)
				if _, err := st.Put(t.Context(), slug, key, strings.NewReader("x"), 1, ""); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		list, err := st.List(t.Context(), slug, "p/")
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != n || list[0].Key != "p/0000" || list[n-1].Key != fmt.Sprintf("p/%04d", n-1) {
			t.Fatalf("List returned %d keys, want %d in order", len(list), n)
		}
	})
}

func TestTenantsSeparate(t *testing.T) {
	forEachServer(t, func(t *testing.T, srv server) {
		st := srv.store
		a := tenant(t, st, "angiang")
		b := tenant(t, st, "bacninh")
		if st.Bucket(a) == st.Bucket(b) {
			t.Fatalf("tenants share bucket %s", st.Bucket(a))
		}
		put(t, st, a, "secret/hoso.pdf", "A's file", "application/pdf")

		if _, _, err := st.Get(t.Context(), b, "secret/hoso.pdf"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("tenant B can Get tenant A's object: %v", err)
		}
		if _, err := st.Stat(t.Context(), b, "secret/hoso.pdf"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("tenant B can Stat tenant A's object: %v", err)
		}
		if list, err := st.List(t.Context(), b, ""); err != nil || len(list) != 0 {
			t.Errorf("tenant B lists %q, %v", keys(list), err)
		}
		// Deleting in B does not touch A.
		if err := st.Delete(t.Context(), b, "secret/hoso.pdf"); err != nil {
			t.Fatal(err)
		}
		if got, _ := get(t, st, a, "secret/hoso.pdf"); got != "A's file" {
			t.Errorf("tenant A's object = %q", got)
		}
	})
}

// genReader yields n pseudo-random bytes made on the fly. It is a plain
// io.Reader (no ReaderAt, no Seeker, no Len), as a request body would be.
type genReader struct {
	rng  *rand.ChaCha8
	left int64
}

func newGen(seed byte, n int64) *genReader {
	return &genReader{rng: rand.NewChaCha8([32]byte{seed}), left: n}
}

func (g *genReader) Read(p []byte) (int, error) {
	if g.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > g.left {
		p = p[:g.left]
	}
	n, _ := g.rng.Read(p)
	g.left -= int64(n)
	return n, nil
}

// putStream uploads n generated bytes announcing size (n or -1) and returns
// the SHA-256 of what was sent.
func putStream(t testing.TB, st *storage.Store, slug, key string, seed byte, n, size int64) [32]byte {
	t.Helper()
	h := sha256.New()
	info, err := st.Put(t.Context(), slug, key, io.TeeReader(newGen(seed, n), h), size, "application/octet-stream")
	if err != nil {
		t.Fatal(err)
	}
	if info.Size != n {
		t.Errorf("Put reported %d bytes, sent %d", info.Size, n)
	}
	return [32]byte(h.Sum(nil))
}

// hashObject downloads an object and returns its size and SHA-256.
func hashObject(t testing.TB, st *storage.Store, slug, key string) (int64, [32]byte) {
	t.Helper()
	rc, _, err := st.Get(t.Context(), slug, key)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(h, rc)
	if err != nil {
		t.Fatal(err)
	}
	return n, [32]byte(h.Sum(nil))
}

func TestStreamedMultipartUpload(t *testing.T) {
	forEachServer(t, func(t *testing.T, srv server) {
		st := srv.store
		slug := tenant(t, st, "laocai")
		cases := []struct {
			name string
			n    int64
			size func(n int64) int64
		}{
			// Unknown size: 3 parts of 16 MiB, the last one short.
			{"unknown size 40MiB", 40<<20 + 12345, func(int64) int64 { return -1 }},
			// Known size over one part: the other multipart path.
			{"known size 20MiB", 20<<20 + 7, func(n int64) int64 { return n }},
		}
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				key := fmt.Sprintf("big/%d.bin", i)
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				sent := putStream(t, st, slug, key, byte(i+1), c.n, c.size(c.n))
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				if srv.minio {
					// The client must not hold the object: it allocates about
					// one part buffer, whatever the object size. (The embedded
					// server runs in this process, so this is only measured
					// against MinIO.)
					alloc := after.TotalAlloc - before.TotalAlloc
					if alloc > storage.PartSize+8<<20 {
						t.Errorf("Put allocated %d MiB for a %d MiB object", alloc>>20, c.n>>20)
					}
					t.Logf("Put of %d MiB allocated %d MiB", c.n>>20, alloc>>20)
				}
				n, got := hashObject(t, st, slug, key)
				if n != c.n || got != sent {
					t.Fatalf("downloaded %d bytes sha256 %x, uploaded %d bytes sha256 %x", n, got, c.n, sent)
				}
				if info := mustStat(t, st, slug, key); info.Size != c.n {
					t.Errorf("Stat size %d, want %d", info.Size, c.n)
				}
			})
		}
	})
}

func TestEmbeddedSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	e, err := storage.StartEmbedded(dir, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	st := newStore(t, e.Config())
	if err := st.EnsureBucket(t.Context(), "hagiang"); err != nil {
		t.Fatal(err)
	}
	put(t, st, "hagiang", "a/small.txt", "còn đây", "text/plain; charset=utf-8")
	sent := putStream(t, st, "hagiang", "a/big.bin", 9, 17<<20+3, -1) // multipart
	if err := e.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	pingCtx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
	defer cancel()
	if err := st.Ping(pingCtx); err == nil {
		t.Fatal("Ping succeeded after Close")
	}

	e2 := startEmbedded(t, dir)
	st2 := newStore(t, e2.Config())
	got, info := get(t, st2, "hagiang", "a/small.txt")
	if got != "còn đây" || info.ContentType != "text/plain; charset=utf-8" {
		t.Errorf("after restart: %q %+v", got, info)
	}
	if n, sum := hashObject(t, st2, "hagiang", "a/big.bin"); n != 17<<20+3 || sum != sent {
		t.Errorf("after restart big object is %d bytes, sha256 %x, want %x", n, sum, sent)
	}
	list, err := st2.List(t.Context(), "hagiang", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a/big.bin", "a/small.txt"}; !slices.Equal(keys(list), want) {
		t.Errorf("List after restart = %q, want %q", keys(list), want)
	}
	if err := st2.EnsureBucket(t.Context(), "hagiang"); err != nil {
		t.Errorf("EnsureBucket after restart: %v", err)
	}
}

func TestValidKey(t *testing.T) {
	good := []string{
		"a",
		"tenant/2026/03/báo cáo tháng 3.pdf",
		"ho-so/abc_123.tar.gz",
		"a..b/c...d",
		strings.Repeat("k", 1024),
		strings.Repeat("ế", 341), // 1023 bytes
	}
	for _, k := range good {
		if err := storage.ValidKey(k); err != nil {
			t.Errorf("ValidKey(%.40q) = %v, want nil", k, err)
		}
	}
	bad := []string{
		"",
		strings.Repeat("k", 1025),
		strings.Repeat("ế", 342), // 1026 bytes
		"/a",
		"a/",
		"..",
		"../a",
		"a/../b",
		"a/..",
		"./a",
		"a/./b",
		"a//b",
		`a\b`,
		`..\a`,
		"a\x00b",
		"a\nb",
		"a\rb",
		"a\tb",
		"a\x7fb",
		"a\u0085b", // C1 control
		"\xff\xfe",
	}
	for _, k := range bad {
		if err := storage.ValidKey(k); err == nil {
			t.Errorf("ValidKey(%.40q) = nil, want an error", k)
		}
	}

	// Every method checks keys before sending anything.
	st := newStore(t, storage.Config{Endpoint: "127.0.0.1:1", AccessKey: "a", SecretKey: "b"})
	ctx := t.Context()
	if _, err := st.Put(ctx, "t1", "../x", strings.NewReader("x"), 1, ""); err == nil || !strings.Contains(err.Error(), "storage: put") {
		t.Errorf("Put with bad key: %v", err)
	}
	if _, _, err := st.Get(ctx, "t1", "a//b"); err == nil {
		t.Error("Get with bad key succeeded")
	}
	if err := st.Delete(ctx, "t1", "/abs"); err == nil {
		t.Error("Delete with bad key succeeded")
	}
	if _, err := st.PresignGet(ctx, "t1", "a\\b", time.Minute, ""); err == nil {
		t.Error("PresignGet with bad key succeeded")
	}
	if _, err := st.List(ctx, "t1", "../"); err == nil {
		t.Error("List with bad prefix succeeded")
	}
	if _, err := st.Stat(ctx, "../t1", "a"); err == nil {
		t.Error("Stat with bad tenant slug succeeded")
	}
}

func TestPresignGet(t *testing.T) {
	forEachServer(t, func(t *testing.T, srv server) {
		st := srv.store
		slug := tenant(t, st, "quangninh")
		const body = "nội dung tệp"
		put(t, st, slug, "files/1.txt", body, "text/plain; charset=utf-8")
		const filename = "Báo cáo tháng 3.txt"
		u, err := st.PresignGet(t.Context(), slug, "files/1.txt", 5*time.Minute, filename)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Get(u.String())
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		got, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || string(got) != body {
			t.Fatalf("GET presigned URL: %s %q", resp.Status, got)
		}
		if srv.minio {
			// gofakes3 ignores the response-* overrides; MinIO honours them.
			_, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
			if err != nil || params["filename"] != filename {
				t.Errorf("Content-Disposition %q: filename %q, %v", resp.Header.Get("Content-Disposition"), params["filename"], err)
			}
			// A tampered URL is refused: the signature covers the key.
			bad := *u
			bad.Path = strings.Replace(bad.Path, "1.txt", "2.txt", 1)
			if resp2, err := http.Get(bad.String()); err == nil {
				resp2.Body.Close()
				if resp2.StatusCode != http.StatusForbidden {
					t.Errorf("tampered presigned URL: %s, want 403", resp2.Status)
				}
			}
		}
		for _, ttl := range []time.Duration{0, time.Millisecond, 8 * 24 * time.Hour} {
			if _, err := st.PresignGet(t.Context(), slug, "files/1.txt", ttl, ""); err == nil {
				t.Errorf("PresignGet accepted ttl %v", ttl)
			}
		}
	})
}

func TestPing(t *testing.T) {
	forEachServer(t, func(t *testing.T, srv server) {
		if err := srv.store.Ping(t.Context()); err != nil {
			t.Fatalf("Ping: %v", err)
		}
	})
	t.Run("minio wrong secret", func(t *testing.T) {
		cfg := testenv.S3(t)
		cfg.SecretKey += "x"
		if err := newStore(t, cfg).Ping(t.Context()); err == nil {
			t.Fatal("Ping with a wrong secret key succeeded")
		}
	})
	t.Run("nothing listening", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		st := newStore(t, storage.Config{Endpoint: addr, AccessKey: "a", SecretKey: "b"})
		if err := st.Ping(ctx); err == nil || !strings.Contains(err.Error(), "storage: ping") {
			t.Fatalf("Ping with nothing listening: %v", err)
		}
	})
}

func TestRemoveBucket(t *testing.T) {
	forEachServer(t, func(t *testing.T, srv server) {
		st := srv.store
		ctx := t.Context()
		if err := st.EnsureBucket(ctx, "tayninh"); err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			put(t, st, "tayninh", fmt.Sprintf("d%d/f%d", i%2, i), "x", "")
		}
		if err := st.RemoveBucket(ctx, "tayninh"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.List(ctx, "tayninh", ""); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("List after RemoveBucket: %v, want ErrNotFound", err)
		}
		if err := st.RemoveBucket(ctx, "tayninh"); err != nil {
			t.Errorf("RemoveBucket of a missing bucket: %v", err)
		}
	})
}

func TestNewValidatesConfig(t *testing.T) {
	for _, cfg := range []storage.Config{
		{AccessKey: "a", SecretKey: "b"},
		{Endpoint: "http://127.0.0.1:9000", AccessKey: "a", SecretKey: "b"},
		{Endpoint: "127.0.0.1:9000", SecretKey: "b"},
		{Endpoint: "127.0.0.1:9000", AccessKey: "a", SecretKey: "b", BucketPrefix: "Bad_"},
	} {
		if _, err := storage.New(cfg); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
	st := newStore(t, storage.Config{Endpoint: "127.0.0.1:9000", AccessKey: "a", SecretKey: "b"})
	if got := st.Bucket("hanoi"); got != "danvan-hanoi" {
		t.Errorf("Bucket(hanoi) = %q with the default prefix", got)
	}
}

func TestEmbeddedLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0", "example.com:0"} {
		if e, err := storage.StartEmbedded(t.TempDir(), addr); err == nil {
			e.Close(t.Context())
			t.Errorf("StartEmbedded(%q) succeeded; it must bind to loopback only", addr)
		}
	}
	e := startEmbedded(t, t.TempDir())
	st := newStore(t, e.Config())
	tenant(t, st, "hanoi")
	put(t, st, "hanoi", "k", "v", "")
	url := "http://" + e.Config().Endpoint + "/" + st.Bucket("hanoi") + "/k"

	check := func(name string, mod func(*http.Request), want int) {
		t.Helper()
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
		mod(req)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s: %s, want %d", name, resp.Status, want)
		}
	}
	check("plain request", func(*http.Request) {}, http.StatusOK)
	check("browser request (Origin)", func(r *http.Request) { r.Header.Set("Origin", "https://evil.example") }, http.StatusForbidden)
	check("DNS rebinding (foreign Host)", func(r *http.Request) { r.Host = "evil.example" }, http.StatusForbidden)
	check("localhost Host", func(r *http.Request) { r.Host = "localhost" }, http.StatusOK)
}

// TestRawGofakes3CorruptsChunkedMultipart is the control for the
// aws-chunked decoding of the embedded server: the same Store uploading the
// same multipart object to gofakes3 without that front gets back a
// different object (the framing is stored inside the parts). If this test
// starts failing after a gofakes3 upgrade, upstream fixed the bug and the
// decoding may be dropped; TestStreamedMultipartUpload still guards the data.
func TestRawGofakes3CorruptsChunkedMultipart(t *testing.T) {
	fs, err := s3afero.FsPath(t.TempDir(), s3afero.FsPathCreateAll)
	if err != nil {
		t.Fatal(err)
	}
	backend, err := s3afero.MultiBucket(fs)
	if err != nil {
		t.Fatal(err)
	}
	raw := httptest.NewServer(gofakes3.New(backend).Server())
	t.Cleanup(raw.Close) // after the bucket cleanup of tenant()
	st := newStore(t, storage.Config{Endpoint: strings.TrimPrefix(raw.URL, "http://"), AccessKey: "a", SecretKey: "b"})
	tenant(t, st, "raw")
	const n = 17<<20 + 1 // two parts
	sent := putStream(t, st, "raw", "big.bin", 3, n, -1)
	size, got := hashObject(t, st, "raw", "big.bin")
	if size == n && got == sent {
		t.Fatal("plain gofakes3 stored the multipart upload intact: the aws-chunked bug is fixed upstream")
	}
	t.Logf("as expected, plain gofakes3 returns %d bytes (sent %d) with another sha256", size, n)

	// The same upload through the embedded server comes back intact.
	e := startEmbedded(t, t.TempDir())
	st2 := newStore(t, e.Config())
	tenant(t, st2, "fixed")
	sent = putStream(t, st2, "fixed", "big.bin", 3, n, -1)
	if size, got := hashObject(t, st2, "fixed", "big.bin"); size != n || got != sent {
		t.Fatalf("embedded server returns %d bytes, sha256 %x; sent %d, %x", size, got, n, sent)
	}
}

func BenchmarkPut(b *testing.B) {
	data := bytes.Repeat([]byte("danvan.vn "), (1<<20)/10+1)[:1<<20]
	run := func(b *testing.B, st *storage.Store) {
		slug := tenant(b, st, "bench")
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := st.Put(b.Context(), slug, fmt.Sprintf("bench/%d", i%100), bytes.NewReader(data), int64(len(data)), "application/octet-stream"); err != nil {
				b.Fatal(err)
			}
			i++
		}
	}
	b.Run("embedded", func(b *testing.B) {
		e := startEmbedded(b, b.TempDir())
		run(b, newStore(b, e.Config()))
	})
	b.Run("minio", func(b *testing.B) {
		run(b, newStore(b, testenv.S3(b)))
	})
}
