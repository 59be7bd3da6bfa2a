// Package storage keeps the files of every province (tenant) in an
// S3-compatible object store, one bucket per tenant.
//
// The same Store code talks to a real MinIO (or any S3 implementation) in
// production and tests, and to the in-process server of embedded.go when the
// application runs on a machine with nothing installed.
package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/minio/minio-go/v7/pkg/s3utils"
)

// Defaults applied by New to a zero field of Config.
const (
	// DefaultRegion is the region used when Config.Region is empty.
	DefaultRegion = "us-east-1"
	// DefaultBucketPrefix is the bucket prefix used when Config.BucketPrefix is empty.
	DefaultBucketPrefix = "danvan-"
)

// PartSize is the size of one part of a multipart upload (objects larger than
// this, or of unknown size, are uploaded in parts). Put holds one part of this
// size in memory per call (two when its reader is also an io.ReaderAt),
// whatever the size of the object, even when the size is unknown.
const PartSize = 16 << 20

// uploadThreads is how many parts Put may upload in parallel when its reader
// also implements io.ReaderAt; plain readers are uploaded one part at a time.
const uploadThreads = 2

// MaxKeyLen is the longest object key ValidKey accepts, in bytes (the S3 limit).
const MaxKeyLen = 1024

// maxPresignTTL is the longest lifetime of a presigned URL allowed by SigV4.
const maxPresignTTL = 7 * 24 * time.Hour

// probeBucketSuffix names the bucket Ping asks about; it need not exist.
const probeBucketSuffix = "readyz-probe"

// Config says how to reach the object store.
type Config struct {
	// Endpoint is the host:port of the S3 API, without scheme.
	Endpoint string
	// AccessKey is the S3 access key ID.
	AccessKey string
	// SecretKey is the S3 secret access key.
	SecretKey string
	// UseTLS selects https instead of http.
	UseTLS bool
	// Region is the S3 region; DefaultRegion ("us-east-1") when empty.
	Region string
	// BucketPrefix is put in front of a tenant slug to name its bucket;
	// DefaultBucketPrefix ("danvan-") when empty.
	BucketPrefix string
}

// ObjectInfo describes one stored object.
type ObjectInfo struct {
	// Key is the object key inside the tenant's bucket.
	Key string
	// Size is the object size in bytes.
	Size int64
	// ContentType is the media type stored with the object. List leaves it
	// empty, because S3 listings do not carry it; use Stat for it.
	ContentType string
	// ETag is the entity tag reported by the server, without quotes.
	ETag string
	// LastModified is when the object was last written; it may be zero in
	// the result of Put when the server does not report it.
	LastModified time.Time
}

// ErrNotFound is returned, wrapped, when an object or a tenant's bucket does
// not exist. Test for it with errors.Is.
var ErrNotFound = errors.New("storage: object not found")

// Store reads and writes tenants' objects. It is safe for concurrent use.
type Store struct {
	cfg    Config
	client *minio.Client
	core   minio.Core
	probe  *minio.Client // same settings, but no retries: for Ping
}

// New returns a Store for cfg. It does not contact the server: use Ping for
// that.
func New(cfg Config) (*Store, error) {
	if cfg.Region == "" {
		cfg.Region = DefaultRegion
	}
	if cfg.BucketPrefix == "" {
		cfg.BucketPrefix = DefaultBucketPrefix
	}
	if cfg.Endpoint == "" {
		return nil, errors.New("storage: new client: empty endpoint")
	}
	if strings.Contains(cfg.Endpoint, "://") || strings.Contains(cfg.Endpoint, "/") {
		return nil, fmt.Errorf("storage: new client: endpoint %q must be host:port, without scheme or path", cfg.Endpoint)
	}
	if cfg.AccessKey == "" || cfg.SecretKey == "" {
		return nil, errors.New("storage: new client: access key and secret key are required")
	}
	if err := s3utils.CheckValidBucketNameStrict(cfg.BucketPrefix + probeBucketSuffix); err != nil {
		return nil, fmt.Errorf("storage: new client: bucket prefix %q: %w", cfg.BucketPrefix, err)
	}
	opts := func(retries int) *minio.Options {
		return &minio.Options{
			Creds:  credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
			Secure: cfg.UseTLS,
			// A fixed region spares a GetBucketLocation round trip per
			// bucket and lets PresignGet work without the network.
			Region:     cfg.Region,
			MaxRetries: retries,
		}
	}
	client, err := minio.New(cfg.Endpoint, opts(0)) // 0: the client's default retries
	if err != nil {
		return nil, fmt.Errorf("storage: new client for %s: %w", cfg.Endpoint, err)
	}
	probe, err := minio.New(cfg.Endpoint, opts(1))
	if err != nil {
		return nil, fmt.Errorf("storage: new client for %s: %w", cfg.Endpoint, err)
	}
	return &Store{cfg: cfg, client: client, core: minio.Core{Client: client}, probe: probe}, nil
}

// Bucket returns the name of the bucket of the tenant with slug tenantSlug.
// It does not check that the name is valid; the other methods do.
func (s *Store) Bucket(tenantSlug string) string {
	return s.cfg.BucketPrefix + tenantSlug
}

// bucket returns the tenant's bucket name, or an error when it is not a
// valid S3 bucket name (which also keeps slugs free of '/' and '..').
func (s *Store) bucket(tenantSlug string) (string, error) {
	if tenantSlug == "" {
		return "", errors.New("empty tenant slug")
	}
	b := s.Bucket(tenantSlug)
	if err := s3utils.CheckValidBucketNameStrict(b); err != nil {
		return "", fmt.Errorf("tenant slug %q gives invalid bucket name %q: %w", tenantSlug, b, err)
	}
	return b, nil
}

// EnsureBucket creates the tenant's bucket unless it exists already. It is
// idempotent and safe to call concurrently.
func (s *Store) EnsureBucket(ctx context.Context, tenantSlug string) error {
	b, err := s.bucket(tenantSlug)
	if err != nil {
		return fmt.Errorf("storage: ensure bucket: %w", err)
	}
	ok, err := s.client.BucketExists(ctx, b)
	if err != nil {
		return fmt.Errorf("storage: ensure bucket %s: check: %w", b, err)
	}
	if ok {
		return nil
	}
	err = s.client.MakeBucket(ctx, b, minio.MakeBucketOptions{Region: s.cfg.Region})
	if err == nil {
		return nil
	}
	switch errCode(err) {
	case "BucketAlreadyOwnedByYou", "BucketAlreadyExists":
		// Someone else created it between our check and our create; make
		// sure it is really there (and ours to use) before saying yes.
		if ok, err2 := s.client.BucketExists(ctx, b); err2 == nil && ok {
			return nil
		}
	}
	return fmt.Errorf("storage: ensure bucket %s: create: %w", b, err)
}

// RemoveBucket deletes every object of the tenant's bucket, then the bucket.
// It is meant for tests and cleanup only. A missing bucket is not an error.
func (s *Store) RemoveBucket(ctx context.Context, tenantSlug string) error {
	b, err := s.bucket(tenantSlug)
	if err != nil {
		return fmt.Errorf("storage: remove bucket: %w", err)
	}
	ok, err := s.client.BucketExists(ctx, b)
	if err != nil {
		return fmt.Errorf("storage: remove bucket %s: check: %w", b, err)
	}
	if !ok {
		return nil
	}
	// Delete objects as they are listed, so that only a page is held.
	listCtx, stopList := context.WithCancel(ctx)
	defer stopList()
	objects := make(chan minio.ObjectInfo)
	listDone := make(chan struct{})
	var listErr error
	go func() {
		defer close(listDone)
		defer close(objects)
		for obj := range s.client.ListObjects(listCtx, b, minio.ListObjectsOptions{Recursive: true}) {
			if obj.Err != nil {
				listErr = obj.Err
				return
			}
			select {
			case objects <- obj:
			case <-listCtx.Done():
				return
			}
		}
	}()
	var rmErr error
	for e := range s.client.RemoveObjects(ctx, b, objects, minio.RemoveObjectsOptions{}) {
		if rmErr == nil && e.Err != nil && !isNotFound(e.Err) {
			rmErr = fmt.Errorf("storage: remove bucket %s: delete object %s: %w", b, e.ObjectName, e.Err)
		}
	}
	stopList()
	<-listDone
	if rmErr != nil {
		return rmErr
	}
	if listErr != nil {
		return fmt.Errorf("storage: remove bucket %s: list: %w", b, listErr)
	}
	if err := s.client.RemoveBucket(ctx, b); err != nil && !isNotFound(err) {
		return fmt.Errorf("storage: remove bucket %s: %w", b, err)
	}
	return nil
}

// Put stores the object key of the tenant from r. It streams: at most a few
// parts of PartSize bytes are held in memory, whatever the object size. size
// is the exact length of r, or -1 when unknown (then r is read to EOF, in a
// multipart upload). An empty contentType is stored as
// "application/octet-stream". The tenant's bucket must exist (EnsureBucket);
// if it does not, the error wraps ErrNotFound.
func (s *Store) Put(ctx context.Context, tenantSlug, key string, r io.Reader, size int64, contentType string) (ObjectInfo, error) {
	b, err := s.bucketKey(tenantSlug, key)
	if err != nil {
		return ObjectInfo{}, fmt.Errorf("storage: put %s/%s: %w", s.Bucket(tenantSlug), key, err)
	}
	if size < -1 {
		return ObjectInfo{}, fmt.Errorf("storage: put %s/%s: invalid size %d", b, key, size)
	}
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	info, err := s.client.PutObject(ctx, b, key, r, size, minio.PutObjectOptions{
		ContentType: contentType,
		PartSize:    PartSize,
		NumThreads:  uploadThreads,
	})
	if err != nil {
		return ObjectInfo{}, fmt.Errorf("storage: put %s/%s: %w", b, key, mapErr(err))
	}
	return ObjectInfo{
		Key:          key,
		Size:         info.Size,
		ContentType:  contentType,
		ETag:         info.ETag,
		LastModified: info.LastModified,
	}, nil
}

// Get opens the object key of the tenant for reading. The request is sent
// before Get returns, so a missing object (or bucket) is reported here, as an
// error wrapping ErrNotFound. The caller must close the reader.
func (s *Store) Get(ctx context.Context, tenantSlug, key string) (io.ReadCloser, ObjectInfo, error) {
	b, err := s.bucketKey(tenantSlug, key)
	if err != nil {
		return nil, ObjectInfo{}, fmt.Errorf("storage: get %s/%s: %w", s.Bucket(tenantSlug), key, err)
	}
	body, oi, _, err := s.core.GetObject(ctx, b, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, ObjectInfo{}, fmt.Errorf("storage: get %s/%s: %w", b, key, mapErr(err))
	}
	return body, toInfo(oi), nil
}

// Stat returns the description of the object key of the tenant, or an error
// wrapping ErrNotFound when it (or the bucket) does not exist.
func (s *Store) Stat(ctx context.Context, tenantSlug, key string) (ObjectInfo, error) {
	b, err := s.bucketKey(tenantSlug, key)
	if err != nil {
		return ObjectInfo{}, fmt.Errorf("storage: stat %s/%s: %w", s.Bucket(tenantSlug), key, err)
	}
	oi, err := s.client.StatObject(ctx, b, key, minio.StatObjectOptions{})
	if err != nil {
		return ObjectInfo{}, fmt.Errorf("storage: stat %s/%s: %w", b, key, mapErr(err))
	}
	return toInfo(oi), nil
}

// Delete removes the object key of the tenant. Deleting a key (or from a
// bucket) that does not exist is not an error.
func (s *Store) Delete(ctx context.Context, tenantSlug, key string) error {
	b, err := s.bucketKey(tenantSlug, key)
	if err != nil {
		return fmt.Errorf("storage: delete %s/%s: %w", s.Bucket(tenantSlug), key, err)
	}
	if err := s.client.RemoveObject(ctx, b, key, minio.RemoveObjectOptions{}); err != nil && !isNotFound(err) {
		return fmt.Errorf("storage: delete %s/%s: %w", b, key, err)
	}
	return nil
}

// List returns every object of the tenant whose key starts with prefix (all
// of them when prefix is empty), in key order, recursing into "folders". The
// ContentType of the results is empty. A missing bucket gives an error
// wrapping ErrNotFound.
func (s *Store) List(ctx context.Context, tenantSlug, prefix string) ([]ObjectInfo, error) {
	b, err := s.bucket(tenantSlug)
	if err != nil {
		return nil, fmt.Errorf("storage: list %s/%s: %w", s.Bucket(tenantSlug), prefix, err)
	}
	if prefix != "" {
		// A prefix is a key in the making; only a final "/" is extra.
		if err := ValidKey(strings.TrimSuffix(prefix, "/")); err != nil {
			return nil, fmt.Errorf("storage: list %s/%s: prefix: %w", b, prefix, err)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing goroutine if we return early
	var out []ObjectInfo
	for oi := range s.client.ListObjects(ctx, b, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if oi.Err != nil {
			return nil, fmt.Errorf("storage: list %s/%s: %w", b, prefix, mapErr(oi.Err))
		}
		out = append(out, toInfo(oi))
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("storage: list %s/%s: %w", b, prefix, err)
	}
	return out, nil
}

// PresignGet returns a URL that downloads the object key of the tenant
// without credentials for ttl (1 s to 7 days). When filename is not empty,
// the download is served with Content-Disposition: attachment and that file
// name (UTF-8 names are encoded per RFC 2231/6266). It does not check that the
// object exists and needs no round trip to the server.
func (s *Store) PresignGet(ctx context.Context, tenantSlug, key string, ttl time.Duration, filename string) (*url.URL, error) {
	b, err := s.bucketKey(tenantSlug, key)
	if err != nil {
		return nil, fmt.Errorf("storage: presign get %s/%s: %w", s.Bucket(tenantSlug), key, err)
	}
	if ttl < time.Second || ttl > maxPresignTTL {
		return nil, fmt.Errorf("storage: presign get %s/%s: ttl %v outside 1s..%v", b, key, ttl, maxPresignTTL)
	}
	params := url.Values{}
	if filename != "" {
		cd := mime.FormatMediaType("attachment", map[string]string{"filename": filename})
		if cd == "" {
			return nil, fmt.Errorf("storage: presign get %s/%s: cannot encode file name %q", b, key, filename)
		}
		params.Set("response-content-disposition", cd)
	}
	u, err := s.client.PresignedGetObject(ctx, b, key, ttl, params)
	if err != nil {
		return nil, fmt.Errorf("storage: presign get %s/%s: %w", b, key, err)
	}
	return u, nil
}

// Ping checks that the server is reachable and accepts the credentials, by
// asking whether a probe bucket exists (it need not; this needs no more rights
// than the tenants' buckets do). It is meant for /readyz: it makes a single
// attempt, without the retries of the other methods; still give it a context
// with a short deadline.
func (s *Store) Ping(ctx context.Context) error {
	b := s.cfg.BucketPrefix + probeBucketSuffix
	if _, err := s.probe.BucketExists(ctx, b); err != nil {
		return fmt.Errorf("storage: ping %s: %w", s.cfg.Endpoint, err)
	}
	return nil
}

// ValidKey reports why key cannot be an object key, or nil when it can. Keys
// are built by the application, but are checked anyway: a key must be valid
// UTF-8 of 1 to MaxKeyLen bytes, must not start or end with '/' nor contain
// "//", must have no "." or ".." path segment, and must contain no
// backslash and no control character.
func ValidKey(key string) error {
	switch {
	case key == "":
		return errors.New("invalid key: empty")
	case len(key) > MaxKeyLen:
		return fmt.Errorf("invalid key: %d bytes, more than %d", len(key), MaxKeyLen)
	case !utf8.ValidString(key):
		return errors.New("invalid key: not valid UTF-8")
	case strings.HasPrefix(key, "/"):
		return errors.New("invalid key: leading '/'")
	case strings.HasSuffix(key, "/"):
		return errors.New("invalid key: trailing '/'")
	case strings.Contains(key, `\`):
		return errors.New("invalid key: backslash")
	}
	for _, r := range key {
		if unicode.IsControl(r) {
			return fmt.Errorf("invalid key: control character %U", r)
		}
	}
	for seg := range strings.SplitSeq(key, "/") {
		switch seg {
		case "":
			return errors.New("invalid key: empty path segment (\"//\")")
		case ".", "..":
			return fmt.Errorf("invalid key: %q path segment", seg)
		}
	}
	return nil
}

// bucketKey validates the tenant slug and the key and returns the bucket.
func (s *Store) bucketKey(tenantSlug, key string) (string, error) {
	b, err := s.bucket(tenantSlug)
	if err != nil {
		return "", err
	}
	if err := ValidKey(key); err != nil {
		return "", err
	}
	return b, nil
}

func toInfo(oi minio.ObjectInfo) ObjectInfo {
	return ObjectInfo{
		Key:          oi.Key,
		Size:         oi.Size,
		ContentType:  oi.ContentType,
		ETag:         strings.Trim(oi.ETag, `"`),
		LastModified: oi.LastModified,
	}
}

// errCode returns the S3 error code inside err, or "".
func errCode(err error) string {
	var er minio.ErrorResponse
	if errors.As(err, &er) {
		return er.Code
	}
	return ""
}

// isNotFound reports whether err says the object or the bucket is absent.
func isNotFound(err error) bool {
	var er minio.ErrorResponse
	if !errors.As(err, &er) {
		return false
	}
	switch er.Code {
	case "NoSuchKey", "NoSuchBucket", "NotFound":
		return true
	}
	return er.Code == "" && er.StatusCode == http.StatusNotFound
}

// notFoundError is a not-found error from the server: it matches both
// ErrNotFound and the server's error (errors.Is, errors.As).
type notFoundError struct{ err error }

func (e notFoundError) Error() string   { return "not found: " + e.err.Error() }
func (e notFoundError) Unwrap() []error { return []error{ErrNotFound, e.err} }

// mapErr makes a not-found error from the server match ErrNotFound, keeping
// the server's error; other errors are returned as they are.
func mapErr(err error) error {
	if isNotFound(err) {
		return notFoundError{err}
	}
	return err
}
