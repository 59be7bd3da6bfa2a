package document

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/danvan-vn/danvan/ent"
	entdoc "github.com/danvan-vn/danvan/ent/document"
	"github.com/danvan-vn/danvan/ent/documentfile"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/intake"
	"github.com/danvan-vn/danvan/internal/storage"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Files stores original files in the province's bucket (storage.Store).
type Files interface {
	Put(ctx context.Context, tenantSlug, key string, r io.Reader, size int64, contentType string) (storage.ObjectInfo, error)
	Get(ctx context.Context, tenantSlug, key string) (io.ReadCloser, storage.ObjectInfo, error)
	Delete(ctx context.Context, tenantSlug, key string) error
}

// StorageQuota checks the plan before storing a file.
type StorageQuota interface {
	CheckStorage(ctx context.Context, adding int64) error
}

// MaxFile caps an original file (a scanned PDF of a long plan runs to tens of MB).
const MaxFile = 50 << 20

// MaxFileName caps a file's name, in characters.
const MaxFileName = 255

// exts are the stored extensions of the accepted content types: the key's extension comes
// from the content, never from the name the browser sent.
var exts = map[string]string{intake.TypeDOCX: "docx", intake.TypePDF: "pdf", intake.TypeTXT: "txt",
	intake.TypeJPEG: "jpg", intake.TypePNG: "png"}

// headOnly are the types whose check reads only the start of the file: a file of these types
// larger than intake's limit is checked on its first bytes.
var headOnly = map[string]bool{".pdf": true, ".jpg": true, ".jpeg": true, ".png": true}

// fileReasons maps intake's refusal codes to the field reasons of "file".
var fileReasons = map[string]string{intake.CodeEmpty: "file_empty", intake.CodeTooLarge: "file_too_large",
	intake.CodeUnsupported: "file_type", intake.CodeMismatch: "file_mismatch", intake.CodeEncrypted: "file_encrypted",
	intake.CodeCorrupt: "file_unreadable", intake.CodeNoText: "file_unreadable"}

func fileInvalid(reason string) error { return apperr.Invalid(map[string]string{"file": reason}) }

// cleanName keeps the last element of a file name as browsers send it, NFC, trimmed.
func cleanName(name string) (string, error) {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if !utf8.ValidString(name) {
		return "", fileInvalid("invalid")
	}
	name = strings.TrimSpace(norm.NFC.String(name))
	for _, r := range name {
		if unicode.IsControl(r) {
			return "", fileInvalid("control")
		}
	}
	switch {
	case name == "" || name == "." || name == "..":
		return "", fileInvalid("required")
	case utf8.RuneCountInString(name) > MaxFileName:
		return "", fileInvalid("too_long")
	}
	return name, nil
}

// sniff checks that the content is what the name says (intake.Sniff) and returns its type. It
// reads at most intake.MaxFileBytes into head; the rest of the file stays in r.
func sniff(name string, size int64, r io.Reader) (contentType string, head []byte, err error) {
	head, err = io.ReadAll(io.LimitReader(r, intake.MaxFileBytes))
	if err != nil {
		return "", nil, fmt.Errorf("read upload: %w", err)
	}
	probe := head
	if size > intake.MaxFileBytes {
		// Only a PDF or a picture (a scan) may be larger than intake reads; their check looks at
		// their start.
		dot := strings.LastIndexByte(name, '.')
		if dot < 0 || !headOnly[strings.ToLower(name[dot:])] {
			return "", nil, fileInvalid("file_too_large")
		}
		probe = head[:1<<20]
	}
	ct, err := intake.Sniff(name, probe)
	var ie *intake.Error
	if errors.As(err, &ie) {
		reason := fileReasons[ie.Code]
		if reason == "" {
			reason = "file_type"
		}
		return "", nil, apperr.Invalid(map[string]string{"file": reason})
	}
	if err != nil {
		return "", nil, err
	}
	if exts[ct] == "" {
		return "", nil, fileInvalid("file_type")
	}
	return ct, head, nil
}

// countingHash hashes and counts what is read through it.
type countingHash struct {
	r io.Reader
	h hash.Hash
	n int64
}

func (c *countingHash) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		_, _ = c.h.Write(p[:n])
		c.n += int64(n)
	}
	return n, err
}

// Upload is a checked upload: its clean name, its type sniffed from the content, the extension
// its object key takes from that type, and a reader over the whole content.
type Upload struct {
	Name, ContentType, Ext string
	Size                   int64
	body                   io.Reader
}

// CheckUpload checks a file before it is stored: a clean name, a size within 1..max bytes, and
// content that is what the name says and one of ours (DOCX, PDF, JPEG, PNG or UTF-8 text).
// Refusals are apperr.Invalid on field "file". Areas other than the register (a unit report's
// signed scan) use it too.
func CheckUpload(name string, size, max int64, r io.Reader) (Upload, error) {
	name, err := cleanName(name)
	if err != nil {
		return Upload{}, err
	}
	switch {
	case size <= 0:
		return Upload{}, fileInvalid("file_empty")
	case size > max:
		return Upload{}, fileInvalid("file_too_large")
	}
	ct, head, err := sniff(name, size, r)
	if err != nil {
		return Upload{}, err
	}
	return Upload{Name: name, ContentType: ct, Ext: exts[ct], Size: size, body: io.MultiReader(bytes.NewReader(head), r)}, nil
}

// Store puts a checked upload under key in the province's bucket and returns its sha256. An
// upload cut short (or longer than announced) is removed and refused.
func (u Upload) Store(ctx context.Context, files Files, tenantSlug, key string) (string, error) {
	body := &countingHash{r: u.body, h: sha256.New()}
	if _, err := files.Put(ctx, tenantSlug, key, body, u.Size, u.ContentType); err != nil {
		return "", fmt.Errorf("store %s: %w", key, err)
	}
	if body.n != u.Size {
		_ = files.Delete(context.WithoutCancel(ctx), tenantSlug, key) // even when the request was cancelled
		return "", fileInvalid("file_unreadable")
	}
	return hex.EncodeToString(body.h.Sum(nil)), nil
}

// AddFile stores an original file of document docID: size bytes read from r, under name. A
// name the document already has adds a version (nothing is overwritten). The content must be
// a DOCX, a PDF, a JPEG, a PNG or a UTF-8 text, as the name says, at most MaxFile bytes; the
// object key is made of ids only, and a failure after storing removes the object.
func (s *Service) AddFile(ctx context.Context, docID int, name string, size int64, r io.Reader) (*ent.DocumentFile, error) {
	if s.files == nil {
		return nil, errors.New("document: no file store")
	}
	if _, err := s.Get(ctx, docID); err != nil {
		return nil, err
	}
	up, err := CheckUpload(name, size, MaxFile, r)
	if err != nil {
		return nil, err
	}
	name, ct := up.Name, up.ContentType
	if s.quota != nil {
		if err := s.quota.CheckStorage(ctx, size); err != nil {
			return nil, err
		}
	}
	v := viewer.FromContext(ctx)
	key := fmt.Sprintf("documents/%d/%d.%s", docID, time.Now().UnixNano(), up.Ext)
	sum, err := up.Store(ctx, s.files, v.TenantSlug, key)
	if err != nil {
		return nil, fmt.Errorf("document %d: %w", docID, err)
	}
	var f *ent.DocumentFile
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		// Lock the document: two uploads of one name must not both take the same version.
		if _, err := tx.Document.Query().Where(entdoc.ID(docID)).Modify(db.ForUpdate).Only(ctx); err != nil {
			return err
		}
		last, err := tx.DocumentFile.Query().Where(documentfile.DocumentID(docID), documentfile.Name(name)).
			Order(ent.Desc(documentfile.FieldVersion)).First(ctx)
		version := 1
		switch {
		case err == nil:
			version = last.Version + 1
		case !ent.IsNotFound(err):
			return err
		}
		q := tx.DocumentFile.Create().SetDocumentID(docID).SetName(name).SetVersion(version).SetContentType(ct).
			SetSize(size).SetSha256(sum).SetObjectKey(key)
		if v.UserID > 0 {
			q.SetUploadedBy(v.UserID)
		}
		f, err = q.Save(ctx)
		return err
	})
	if err != nil {
		_ = s.files.Delete(context.WithoutCancel(ctx), v.TenantSlug, key) // nothing half-done, even when the request was cancelled
		if ent.IsNotFound(err) {
			return nil, apperr.NotFound(err)
		}
		return nil, fmt.Errorf("document %d: record file: %w", docID, err)
	}
	return f, nil
}

// Files lists the versions of a document's files: by name, newest version first.
func (s *Service) Files(ctx context.Context, docID int) ([]*ent.DocumentFile, error) {
	fs, err := s.db.DocumentFile.Query().Where(documentfile.DocumentID(docID)).
		Order(ent.Asc(documentfile.FieldName), ent.Desc(documentfile.FieldVersion)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("files of document %d: %w", docID, err)
	}
	return fs, nil
}

// OpenFile opens a stored file of the province for download; the caller closes it. The
// document's id must be the file's (a file is reached through its document).
func (s *Service) OpenFile(ctx context.Context, docID, fileID int) (io.ReadCloser, *ent.DocumentFile, error) {
	f, err := s.db.DocumentFile.Query().Where(documentfile.ID(fileID), documentfile.DocumentID(docID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, apperr.NotFound(err)
	}
	if err != nil {
		return nil, nil, err
	}
	rc, _, err := s.files.Get(ctx, viewer.FromContext(ctx).TenantSlug, f.ObjectKey)
	if err != nil {
		return nil, nil, fmt.Errorf("open file %d: %w", fileID, err)
	}
	return rc, f, nil
}
