package plan

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/danvan-vn/danvan/internal/apperr"
)

// Limits of a tasks file beyond MaxImportTasks rows. Each is checked while the file is read, so a
// small hostile file (a zip bomb, a cell at column XFD on every row) costs little.
const (
	// MaxImportBytes caps the file as uploaded.
	MaxImportBytes = 20 << 20
	// maxImportUnzipped caps the parts of the .xlsx uncompressed, all together, as its zip
	// directory declares them (archive/zip refuses a part that inflates beyond its size).
	maxImportUnzipped = 64 << 20
	maxImportParts    = 1000
	maxImportColumns  = 50
	// maxReadRows bounds the non-empty rows read: the data rows, the header and a few title
	// rows above it.
	maxReadRows = MaxImportTasks + 20
)

// sheetRow is a non-empty row of the sheet: its number as the spreadsheet shows it, and its cells
// from column A to the last non-empty one.
type sheetRow struct {
	n     int
	cells []string
}

func fileErr(reason string) error { return apperr.Invalid(map[string]string{"file": reason}) }

// readTaskRows reads the first sheet of an .xlsx file, each row's cells as stored (a date cell
// gives its serial day, a number its digits), refusing a file that is not a readable workbook or
// crosses the limits.
func readTaskRows(filename string, r io.Reader) ([]sheetRow, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, err
	}
	switch {
	case len(data) > MaxImportBytes:
		return nil, fileErr("file_too_large")
	case len(data) == 0:
		return nil, fileErr("file_empty")
	case !strings.HasSuffix(strings.ToLower(strings.TrimSpace(filename)), ".xlsx"):
		return nil, fileErr("tasks_file_type")
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		// An OLE compound file named .xlsx is a workbook encrypted with a password (or an old .xls).
		return nil, fileErr("file_encrypted")
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return nil, fileErr("file_mismatch")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileErr("file_unreadable")
	}
	if len(zr.File) > maxImportParts {
		return nil, fileErr("tasks_file_too_complex")
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxImportUnzipped {
			return nil, fileErr("tasks_file_too_complex")
		}
	}
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxImportUnzipped, UnzipXMLSizeLimit: 4 << 20})
	if err != nil {
		return nil, fileErr("file_unreadable")
	}
	defer x.Close()
	it, err := x.Rows(x.GetSheetName(0))
	if err != nil {
		return nil, fileErr("file_unreadable")
	}
	defer it.Close()
	var rows []sheetRow
	for n := 1; it.Next(); n++ {
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fileErr("file_unreadable")
		}
		for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
			cells = cells[:len(cells)-1]
		}
		if len(cells) > maxImportColumns {
			return nil, fileErr("tasks_file_too_complex")
		}
		if strings.TrimSpace(strings.Join(cells, "")) == "" {
			continue
		}
		if len(rows) >= maxReadRows {
			return nil, fileErr("tasks_too_many_rows")
		}
		rows = append(rows, sheetRow{n: n, cells: cells})
	}
	if it.Error() != nil {
		return nil, fileErr("file_unreadable")
	}
	return rows, nil
}
