package storage

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3afero"
)

// Fixed credentials of the embedded server. gofakes3 checks no credentials at
// all; these only satisfy the S3 client, which signs every request.
const (
	embeddedAccessKey = "danvan-embedded"
	embeddedSecretKey = "danvan-embedded-not-a-secret"
)

// EmbeddedServer is an in-process S3-compatible server that keeps objects on
// the local disk: the default object store of `make run` on a machine with
// nothing installed. It is reached through the very same Store code as MinIO.
//
// It is gofakes3 with its disk backend (s3afero), behind a small front that
//   - refuses requests not addressed to a loopback host and requests sent by a
//     browser (they carry an Origin header): gofakes3 has NO authentication,
//     so the server only ever listens on loopback and must never be exposed;
//     the application serves downloads itself after its permission checks;
//   - decodes aws-chunked request bodies (SigV4 streaming uploads), which
//     gofakes3 would otherwise store verbatim, framing included, in the parts
//     of multipart uploads, corrupting every object over one part;
//   - removes the empty directories that deleted objects leave in a bucket
//     before the bucket is deleted, which the disk backend would otherwise
//     refuse as "not empty";
//   - spools the body of a single-request upload to a temporary file before
//     handing it to gofakes3, so that a slow client does not hold the
//     backend's global lock for the whole upload, and a broken upload leaves
//     no truncated object behind.
//
// Objects live under dir/buckets/<bucket>/<key> and their metadata under
// dir/metadata, so they survive a restart on the same dir. Only one server may
// use a dir at a time. As keys are file paths, a bucket cannot hold both "a"
// and "a/b" (MinIO has the same restriction). Parts of multipart uploads are held in memory until the
// upload completes (as gofakes3 does), which is fine for development.
type EmbeddedServer struct {
	srv      *http.Server
	ln       net.Listener
	served   chan error // result of Serve
	once     sync.Once
	closeErr error
}

// StartEmbedded starts an embedded S3 server keeping its data under dir
// (created if needed) and listening on addr, such as "127.0.0.1:0" (port 0
// picks a free port; an empty addr means that). The host of addr must be a
// loopback address or "localhost": the server has no authentication.
func StartEmbedded(dir string, addr string) (*EmbeddedServer, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("storage: start embedded server: address %q: %w", addr, err)
	}
	if host == "localhost" {
		host = "127.0.0.1"
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("storage: start embedded server: address %q: host must be a loopback address, because the embedded server has no authentication", addr)
	}
	if dir == "" {
		return nil, errors.New("storage: start embedded server: empty data directory")
	}
	fs, err := s3afero.FsPath(dir, s3afero.FsPathCreateAll)
	if err != nil {
		return nil, fmt.Errorf("storage: start embedded server: data directory %s: %w", dir, err)
	}
	backend, err := s3afero.MultiBucket(fs)
	if err != nil {
		return nil, fmt.Errorf("storage: start embedded server: backend in %s: %w", dir, err)
	}
	// Leftovers of a crash are of no use: start with an empty spool.
	spoolDir := filepath.Join(dir, "spool")
	if err := os.RemoveAll(spoolDir); err != nil {
		return nil, fmt.Errorf("storage: start embedded server: clear spool: %w", err)
	}
	if err := os.MkdirAll(spoolDir, 0o700); err != nil {
		return nil, fmt.Errorf("storage: start embedded server: create spool: %w", err)
	}
	faker := gofakes3.New(backend)

	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		return nil, fmt.Errorf("storage: start embedded server: listen on %s: %w", addr, err)
	}
	e := &EmbeddedServer{ln: ln, served: make(chan error, 1)}
	e.srv = &http.Server{
		Handler: loopbackOnly(decodeAWSChunked(spoolPuts(spoolDir,
			pruneOnBucketDelete(filepath.Join(dir, "buckets"), faker.Server())))),
		ReadHeaderTimeout: 30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	go func() { e.served <- e.srv.Serve(ln) }()
	return e, nil
}

// Config returns the Config that reaches this server: its endpoint, fixed
// local credentials (which the server does not check), no TLS, and the
// default region and bucket prefix.
func (e *EmbeddedServer) Config() Config {
	return Config{
		Endpoint:     e.ln.Addr().String(),
		AccessKey:    embeddedAccessKey,
		SecretKey:    embeddedSecretKey,
		UseTLS:       false,
		Region:       DefaultRegion,
		BucketPrefix: DefaultBucketPrefix,
	}
}

// Close stops the server, waiting until ctx is done for requests in flight
// to finish. Calling it again returns the first result.
func (e *EmbeddedServer) Close(ctx context.Context) error {
	e.once.Do(func() {
		if err := e.srv.Shutdown(ctx); err != nil {
			_ = e.srv.Close()
			e.closeErr = fmt.Errorf("storage: close embedded server: %w", err)
		}
		if err := <-e.served; err != nil && !errors.Is(err, http.ErrServerClosed) && e.closeErr == nil {
			e.closeErr = fmt.Errorf("storage: embedded server: %w", err)
		}
	})
	return e.closeErr
}

// loopbackOnly refuses requests whose Host is not a loopback address (DNS
// rebinding) and requests made by a browser on behalf of a page (they carry
// Origin): with no authentication, any web page could otherwise reach the
// objects through the developer's browser.
func loopbackOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		ip := net.ParseIP(strings.Trim(host, "[]"))
		if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			writeS3Error(w, r, http.StatusForbidden, "AccessDenied", "the embedded object store only answers requests addressed to a loopback host")
			return
		}
		if r.Header.Get("Origin") != "" {
			writeS3Error(w, r, http.StatusForbidden, "AccessDenied", "the embedded object store does not answer browsers")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// decodeAWSChunked turns an aws-chunked request body (the framing of SigV4
// streaming uploads: "hex-size[;chunk-signature=...]\r\n data \r\n" ... a
// zero-size chunk, then optional trailers) into the plain payload, and fixes
// the headers to match, so that gofakes3 sees an ordinary unsigned request.
// Chunk signatures are not checked: gofakes3 checks no signature at all.
func decodeAWSChunked(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sha := r.Header.Get("X-Amz-Content-Sha256")
		enc, chunked := stripAWSChunked(r.Header.Values("Content-Encoding"))
		if !strings.HasPrefix(sha, "STREAMING-") && !chunked {
			next.ServeHTTP(w, r)
			return
		}
		n, err := strconv.ParseInt(r.Header.Get("X-Amz-Decoded-Content-Length"), 10, 64)
		if err != nil || n < 0 {
			writeS3Error(w, r, http.StatusLengthRequired, "MissingContentLength", "aws-chunked body without a valid X-Amz-Decoded-Content-Length")
			return
		}
		r.Body = &awsChunkedReader{body: r.Body, r: bufio.NewReader(r.Body), want: n}
		r.ContentLength = n
		r.Header.Set("Content-Length", strconv.FormatInt(n, 10))
		r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
		r.Header.Del("X-Amz-Decoded-Content-Length")
		r.Header.Del("X-Amz-Trailer")
		r.Header.Del("Content-Encoding")
		if enc != "" {
			r.Header.Set("Content-Encoding", enc)
		}
		next.ServeHTTP(w, r)
	})
}

// stripAWSChunked removes "aws-chunked" from Content-Encoding values and says
// whether it was there.
func stripAWSChunked(values []string) (rest string, found bool) {
	var keep []string
	for _, v := range values {
		for c := range strings.SplitSeq(v, ",") {
			c = strings.TrimSpace(c)
			switch {
			case c == "":
			case strings.EqualFold(c, "aws-chunked"):
				found = true
			default:
				keep = append(keep, c)
			}
		}
	}
	return strings.Join(keep, ","), found
}

// awsChunkedReader reads the payload out of an aws-chunked body and fails
// unless it is exactly want bytes long and well framed.
type awsChunkedReader struct {
	body      io.Closer
	r         *bufio.Reader
	want      int64 // X-Amz-Decoded-Content-Length
	got       int64 // payload bytes returned so far
	remaining int64 // payload bytes left in the current chunk
	inChunk   bool  // a chunk has been started (its CRLF is due at its end)
	err       error // sticky: io.EOF once done
}

// maxChunkTrailer bounds what may follow the last (zero-size) chunk.
const maxChunkTrailer = 64 << 10

func (c *awsChunkedReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	for c.remaining == 0 {
		if err := c.nextChunk(); err != nil {
			c.err = err
			return 0, err
		}
	}
	if int64(len(p)) > c.remaining {
		p = p[:c.remaining]
	}
	n, err := c.r.Read(p)
	c.remaining -= int64(n)
	c.got += int64(n)
	if c.got > c.want {
		c.err = fmt.Errorf("aws-chunked body: payload longer than the declared %d bytes", c.want)
		return n, c.err
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		c.err = fmt.Errorf("aws-chunked body: %w", err)
		return n, c.err
	}
	return n, nil
}

// nextChunk reads the CRLF that ends the current chunk, if any, and the
// header of the next one. After the last chunk it checks the length, drains
// the trailers and returns io.EOF.
func (c *awsChunkedReader) nextChunk() error {
	if c.inChunk {
		var crlf [2]byte
		if _, err := io.ReadFull(c.r, crlf[:]); err != nil || crlf != [2]byte{'\r', '\n'} {
			return fmt.Errorf("aws-chunked body: chunk not followed by CRLF")
		}
	}
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		if err == io.EOF || err == bufio.ErrBufferFull {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("aws-chunked body: chunk header: %w", err)
	}
	line = bytes.TrimRight(line, "\r\n")
	if i := bytes.IndexByte(line, ';'); i >= 0 {
		line = line[:i] // drop ";chunk-signature=..."
	}
	size, err := strconv.ParseInt(string(bytes.TrimSpace(line)), 16, 64)
	if err != nil || size < 0 {
		return fmt.Errorf("aws-chunked body: bad chunk size %q", line)
	}
	if size == 0 {
		if c.got != c.want {
			return fmt.Errorf("aws-chunked body: payload is %d bytes, declared %d: %w", c.got, c.want, io.ErrUnexpectedEOF)
		}
		// Trailers (checksums and their signature) end the body.
		n, err := io.Copy(io.Discard, io.LimitReader(c.r, maxChunkTrailer+1))
		if err != nil {
			return fmt.Errorf("aws-chunked body: trailer: %w", err)
		}
		if n > maxChunkTrailer {
			return errors.New("aws-chunked body: trailer too long")
		}
		return io.EOF
	}
	if c.got+size > c.want {
		return fmt.Errorf("aws-chunked body: payload longer than the declared %d bytes", c.want)
	}
	c.remaining = size
	c.inChunk = true
	return nil
}

func (c *awsChunkedReader) Close() error { return c.body.Close() }

// spoolPuts copies the body of a single-request object upload (PUT
// /bucket/key, not a part nor a copy) to a temporary file in dir before
// passing the request on. gofakes3's disk backend holds one lock for the whole
// backend while it writes an object from the request body; reading from a
// local file keeps that short whatever the client's speed, and a body that
// breaks off is refused before anything is written to the bucket.
func spoolPuts(dir string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		if r.Method != http.MethodPut || key == "" || r.URL.Query().Has("uploadId") ||
			r.Header.Get("X-Amz-Copy-Source") != "" || r.ContentLength < 0 {
			next.ServeHTTP(w, r)
			return
		}
		f, err := os.CreateTemp(dir, "put-*")
		if err != nil {
			writeS3Error(w, r, http.StatusInternalServerError, "InternalError", "spool upload: "+err.Error())
			return
		}
		defer func() {
			f.Close()
			os.Remove(f.Name())
		}()
		n, err := io.Copy(f, r.Body)
		if err == nil && n != r.ContentLength {
			err = fmt.Errorf("body is %d bytes, Content-Length says %d", n, r.ContentLength)
		}
		if err != nil {
			writeS3Error(w, r, http.StatusBadRequest, "IncompleteBody", "spool upload: "+err.Error())
			return
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			writeS3Error(w, r, http.StatusInternalServerError, "InternalError", "spool upload: "+err.Error())
			return
		}
		r.Body.Close()
		r.Body = io.NopCloser(f)
		next.ServeHTTP(w, r)
	})
}

// pruneOnBucketDelete removes, before a bucket is deleted (DELETE /bucket),
// the empty directories under bucketsDir/bucket. The disk backend stores key
// "a/b" as the file a/b and leaves a/ behind when the object is deleted, then
// refuses to delete the bucket because a/ is in it. Files are never removed
// here, so a bucket that still holds objects stays "not empty".
func pruneOnBucketDelete(bucketsDir string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		if r.Method == http.MethodDelete && key == "" && len(r.URL.RawQuery) == 0 &&
			gofakes3.ValidateBucketName(bucket) == nil { // no "/", "." or ".." in it
			root := filepath.Join(bucketsDir, bucket)
			var dirs []string
			_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
				if err == nil && d.IsDir() && p != root {
					dirs = append(dirs, p)
				}
				return nil
			})
			for i := len(dirs) - 1; i >= 0; i-- { // deepest first
				_ = os.Remove(dirs[i]) // fails, harmlessly, unless empty
			}
		}
		next.ServeHTTP(w, r)
	})
}

// writeS3Error answers with an S3 error document.
func writeS3Error(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	var b bytes.Buffer
	b.WriteString(xml.Header + "<Error><Code>")
	_ = xml.EscapeText(&b, []byte(code))
	b.WriteString("</Code><Message>")
	_ = xml.EscapeText(&b, []byte(msg))
	b.WriteString("</Message></Error>")
	_, _ = w.Write(b.Bytes())
}
