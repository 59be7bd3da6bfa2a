package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/minio/minio-go/v7/pkg/signer"
)

// sha256Hasher adapts crypto/sha256 to the md5simd.Hasher the signer wants.
type sha256Hasher struct{ hash.Hash }

func (sha256Hasher) Close() {}

// frame returns the aws-chunked body and headers minio-go's signer makes for
// payload: signed (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]) or unsigned
// (STREAMING-UNSIGNED-PAYLOAD-TRAILER), with a checksum trailer if asked.
func frame(t *testing.T, payload []byte, signed, trailer bool) (http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, "http://127.0.0.1:1/b/k", bytes.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	if trailer {
		req.Trailer = http.Header{"X-Amz-Checksum-Crc32c": []string{"AAAAAA=="}}
	}
	now := time.Now().UTC()
	if signed {
		req = signer.StreamingSignV4(req, "ak", "sk", "", "us-east-1", int64(len(payload)), now, sha256Hasher{sha256.New()})
	} else {
		// As signer.SignV4Trailer does before calling it.
		req.Header.Set("X-Amz-Content-Sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
		req.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(payload)))
		req = signer.StreamingUnsignedV4(req, "", int64(len(payload)), now)
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		t.Fatal(err)
	}
	// (For an empty payload the signer announces 0 and the transport sends
	// the framing with Transfer-Encoding: chunked.)
	if len(payload) > 0 && int64(len(body)) != req.ContentLength {
		t.Fatalf("signer made %d bytes, announced %d", len(body), req.ContentLength)
	}
	return req.Header, body
}

// decode sends a framed body through decodeAWSChunked and returns what the
// next handler reads, the headers it sees, and its read error.
func decode(t *testing.T, h http.Header, body []byte) ([]byte, http.Header, error) {
	t.Helper()
	var got []byte
	var seen http.Header
	var readErr error
	handler := decodeAWSChunked(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r.Header.Clone()
		got, readErr = io.ReadAll(r.Body)
		if readErr == nil && int64(len(got)) != r.ContentLength {
			readErr = fmt.Errorf("read %d bytes, ContentLength %d", len(got), r.ContentLength)
		}
	}))
	req := httptest.NewRequest(http.MethodPut, "/b/k", bytes.NewReader(body))
	for k, v := range h {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	if seen == nil {
		return nil, nil, fmt.Errorf("refused: %d %s", rec.Code, rec.Body.String())
	}
	return got, seen, readErr
}

func TestDecodeAWSChunkedSignerFormats(t *testing.T) {
	rng := rand.NewChaCha8([32]byte{7})
	for _, size := range []int{0, 1, 100, 64 << 10, 64<<10 + 1, 200<<10 + 17} {
		payload := make([]byte, size)
		_, _ = rng.Read(payload)
		for _, f := range []struct {
			name            string
			signed, trailer bool
		}{
			{"signed", true, false},
			{"signed+trailer", true, true},
			{"unsigned+trailer", false, true},
		} {
			t.Run(fmt.Sprintf("%s/%d", f.name, size), func(t *testing.T) {
				h, body := frame(t, payload, f.signed, f.trailer)
				got, seen, err := decode(t, h, body)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, payload) {
					t.Fatalf("decoded %d bytes, want the %d-byte payload", len(got), len(payload))
				}
				if seen.Get("X-Amz-Content-Sha256") != "UNSIGNED-PAYLOAD" ||
					seen.Get("Content-Length") != strconv.Itoa(size) ||
					seen.Get("X-Amz-Decoded-Content-Length") != "" ||
					strings.Contains(seen.Get("Content-Encoding"), "aws-chunked") {
					t.Errorf("headers after decoding: %v", seen)
				}
			})
		}
	}
}

func TestDecodeAWSChunkedRejectsBadBodies(t *testing.T) {
	payload := bytes.Repeat([]byte("x"), 70<<10) // two chunks
	h, body := frame(t, payload, true, false)

	withLen := func(n int) http.Header {
		h2 := h.Clone()
		h2.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(n))
		return h2
	}
	cases := []struct {
		name string
		h    http.Header
		body []byte
	}{
		{"truncated in data", h, body[:len(body)/2]},
		{"truncated before last chunk", h, body[:len(body)-90]},
		{"declared longer", withLen(len(payload) + 1), body},
		{"declared shorter", withLen(len(payload) - 1), body},
		{"bad size", h, append([]byte("zz;chunk-signature=0\r\n"), body...)},
		{"missing CRLF", h, bytes.Replace(body, []byte("\r\n"), []byte("\n\n"), 2)},
		{"no length header", func() http.Header { h2 := h.Clone(); h2.Del("X-Amz-Decoded-Content-Length"); return h2 }(), body},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, _, err := decode(t, c.h, c.body); err == nil {
				t.Fatalf("decoded %d bytes without error", len(got))
			}
		})
	}
}

// TestDecodeAWSChunkedFromClient checks the bodies minio-go really sends,
// with the options that change the framing.
func TestDecodeAWSChunkedFromClient(t *testing.T) {
	var mu sync.Mutex
	var got []byte
	var sha string
	decoder := decodeAWSChunked(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		got = b
		mu.Unlock()
		w.Header().Set("ETag", `"x"`)
	}))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		sha = r.Header.Get("X-Amz-Content-Sha256") // as sent, before decoding
		mu.Unlock()
		decoder.ServeHTTP(w, r)
	}))
	defer srv.Close()
	payload := bytes.Repeat([]byte("Việt Nam "), 30000)
	cl, err := minio.New(strings.TrimPrefix(srv.URL, "http://"), &minio.Options{
		Creds: credentials.NewStaticV4("ak", "sk", ""), Region: "us-east-1", TrailingHeaders: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	core := minio.Core{Client: cl}
	// A plain io.Reader, as Store.Put gets.
	body := func() io.Reader { return struct{ io.Reader }{bytes.NewReader(payload)} }
	part := func(disableSHA bool) error {
		_, err := core.PutObjectPart(context.Background(), "bkt", "k", "upload1", 1, body(), int64(len(payload)),
			minio.PutObjectPartOptions{
				DisableContentSha256: disableSHA,
				Trailer:              http.Header{"X-Amz-Checksum-Crc32c": []string{""}},
			})
		return err
	}
	for _, c := range []struct {
		name    string
		put     func() error
		wantSHA string
	}{
		{"PutObject", func() error {
			_, err := cl.PutObject(context.Background(), "bkt", "k", body(), int64(len(payload)), minio.PutObjectOptions{})
			return err
		}, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"},
		{"part with signed trailer", func() error { return part(false) }, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"},
		{"part with unsigned trailer", func() error { return part(true) }, "STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.put(); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if !bytes.Equal(got, payload) {
				t.Fatalf("server read %d bytes, client sent %d", len(got), len(payload))
			}
			if sha != c.wantSHA {
				t.Errorf("client sent X-Amz-Content-Sha256 %q, want %q (the test no longer covers that framing)", sha, c.wantSHA)
			}
		})
	}
}
