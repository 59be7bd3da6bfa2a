package unit

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/danvan-vn/danvan/internal/apperr"
)

// Limits of one import file. Each is checked while the file is read, before anything beyond it
// is held in memory, so a small hostile file (a cell at column XFD on every row, a zip bomb, a
// CSV line of a million commas) is refused at the cost of a few rows, not of its expanded size.
const (
	// MaxImportRows caps the data rows of one file (the header row is not counted).
	MaxImportRows = 5000
	// MaxImportColumns caps the columns of a row: the template has 15, the rest is room for a
	// province's own note columns, which are ignored.
	MaxImportColumns = 50
	// MaxImportBytes caps the file as uploaded.
	MaxImportBytes = 20 << 20
	// MaxImportUnzipped caps an .xlsx's parts uncompressed, all together, by the sizes its zip
	// directory declares (archive/zip refuses a part that inflates beyond its declared size). A
	// full 5,000-row file is about 10 MiB.
	MaxImportUnzipped = 32 << 20
	// maxZipEntries caps the parts of an .xlsx (a workbook has a dozen or two), read from the zip's
	// end record before its directory is parsed.
	maxZipEntries = 1000
	// xlsxInMemory is excelize's UnzipXMLSizeLimit: a worksheet or shared-string table larger than
	// this is spilled to a temporary file and streamed instead of held in memory.
	xlsxInMemory = 2 << 20
)

// tooLarge is a file refused for its shape, at a row (and column).
func tooLarge(row int, column, reason, value string) error {
	return &ImportError{TooLarge: true, Rows: []RowError{{Row: row, Column: column, Reason: reason, Value: value}}}
}

// tooManyRows reports a value past the last row an import takes.
func tooManyRows() error { return tooLarge(MaxImportRows+2, "", "too_many_rows", "") }

// tooManyColumns reports a row with a value past the last column an import takes; column is the
// 1-based column of the first such value.
func tooManyColumns(row, column int) error {
	name, _ := excelize.ColumnNumberToName(column)
	return tooLarge(row, name, "too_many_columns", "")
}

// readRows reads the file's rows (the first sheet of an .xlsx), each row's cells from column A
// up to its last non-empty cell, refusing it as soon as it crosses one of the limits above.
func readRows(filename string, r io.Reader) ([][]string, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxImportBytes {
		return nil, apperr.Invalid(map[string]string{"file": "file_too_large"})
	}
	name := strings.ToLower(filename)
	switch {
	case strings.HasSuffix(name, ".xlsx"):
		return readXLSX(data)
	case strings.HasSuffix(name, ".csv"):
		return readCSV(bytes.TrimPrefix(data, []byte("\ufeff")))
	default:
		return nil, apperr.Invalid(map[string]string{"file": "file_type"})
	}
}

var errUnreadable = apperr.Invalid(map[string]string{"file": "file_unreadable"})

func readXLSX(data []byte) ([][]string, error) {
	if err := checkZip(data); err != nil {
		return nil, err
	}
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: MaxImportUnzipped, UnzipXMLSizeLimit: xlsxInMemory,
	})
	if err != nil {
		return nil, errUnreadable
	}
	defer x.Close()
	it, err := x.Rows(x.GetSheetName(0))
	if err != nil {
		return nil, errUnreadable
	}
	defer it.Close()
	// The iterator decodes one row at a time; Columns pads a row up to its last cell, so a row is
	// checked as soon as it is decoded and a wide one costs that one row only.
	var rows [][]string
	last := 0 // rows after the last non-empty one are dropped, as GetRows does
	for n := 1; it.Next(); n++ {
		cells, err := it.Columns()
		if err != nil {
			return nil, errUnreadable
		}
		cells = trimTrailingEmpty(cells)
		if len(cells) == 0 {
			if n <= MaxImportRows+1 {
				rows = append(rows, nil)
			}
			continue // an empty row far down costs nothing: the iterator does not materialise it
		}
		if n > MaxImportRows+1 {
			return nil, tooManyRows()
		}
		if len(cells) > MaxImportColumns {
			return nil, tooManyColumns(n, len(cells))
		}
		rows = append(rows, cells)
		last = n
	}
	if it.Error() != nil {
		return nil, errUnreadable
	}
	return rows[:last], nil
}

func trimTrailingEmpty(cells []string) []string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// checkZip refuses an .xlsx whose zip holds too many parts or declares more than
// MaxImportUnzipped bytes uncompressed, before anything is inflated, and one with a damaged part. The entry count comes
// from the zip's end record, so a directory of a million entries is not even parsed.
func checkZip(data []byte) error {
	n, ok := zipEntries(data)
	if !ok {
		return errUnreadable
	}
	if n > maxZipEntries {
		return apperr.Invalid(map[string]string{"file": "file_too_complex"})
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return errUnreadable
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > MaxImportUnzipped || total > MaxImportUnzipped {
			return apperr.Invalid(map[string]string{"file": "file_too_complex"})
		}
	}
	// Inflate every part once into nothing: archive/zip stops a part at its declared size and
	// checks its CRC, and excelize would otherwise read a damaged part silently as a truncated one.
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return errUnreadable
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return errUnreadable
		}
	}
	return nil
}

// zipEntries reads the number of entries from the zip's end-of-central-directory record (a
// ZIP64 archive reports 0xFFFF, which is over the cap anyway). The record is the last signature
// whose comment length reaches exactly the end of the file, as archive/zip finds it.
func zipEntries(data []byte) (int, bool) {
	const eocdLen = 22
	sig := []byte("PK\x05\x06")
	from := max(0, len(data)-eocdLen-0xFFFF) // the record is followed by a comment of at most 64 KiB
	for end := len(data); end > from; {
		i := bytes.LastIndex(data[from:end], sig)
		if i < 0 {
			return 0, false
		}
		at := from + i
		if at+eocdLen <= len(data) && at+eocdLen+int(binary.LittleEndian.Uint16(data[at+20:at+22])) == len(data) {
			return int(binary.LittleEndian.Uint16(data[at+10 : at+12])), true
		}
		end = at
	}
	return 0, false
}

func readCSV(data []byte) ([][]string, error) {
	if err := checkCSVShape(data); err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	var rows [][]string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &ImportError{Rows: []RowError{{Row: pe.Line, Column: "", Reason: "csv_syntax"}}}
			}
			return nil, errUnreadable
		}
		if len(rows) > MaxImportRows { // the shape check counts the same records; kept as a guard
			return nil, tooManyRows()
		}
		rows = append(rows, rec)
	}
	return rows, nil
}

// checkCSVShape counts records and fields on the raw bytes, without allocating, so that a line
// of a million commas or a million short lines is refused before encoding/csv builds its slices.
// Quotes are followed the way encoding/csv reads them ("" inside a quoted field toggles twice);
// a malformed file is left for encoding/csv to report. Rows are counted like the import counts
// them: csv skips empty lines, and a record without a value past the cap is not an error.
func checkCSVShape(data []byte) error {
	row, fields, quoted, lineHasContent := 1, 1, false, false
	for _, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
			lineHasContent = true
		case quoted:
		case c == ',':
			fields++
			lineHasContent = true
			if fields > MaxImportColumns {
				return tooManyColumns(row, fields)
			}
		case c == '\n':
			if lineHasContent {
				row++
			}
			fields, lineHasContent = 1, false
		case c == '\r':
		default:
			lineHasContent = true
			if row > MaxImportRows+1 {
				return tooManyRows()
			}
		}
	}
	return nil
}

// cellProblems reports cells that must not reach the database: text that is not UTF-8, or that
// holds a control character (NUL, escape, ...) other than tab and line breaks, which a
// spreadsheet cell may legitimately hold and normalize turns into spaces. idx maps column keys to
// positions, so a problem names the column's header where the import knows it.
func cellProblems(rows [][]string, idx map[string]int) []RowError {
	headers := map[int]string{}
	for key, i := range idx {
		headers[i] = header(key)
	}
	var out []RowError
	for r, row := range rows {
		for c, cell := range row {
			reason := ""
			switch {
			case !utf8.ValidString(cell):
				reason = "cell_encoding"
			case strings.ContainsFunc(cell, isForbiddenControl):
				reason = "cell_control"
			default:
				continue
			}
			col, ok := headers[c]
			if !ok {
				col, _ = excelize.ColumnNumberToName(c + 1)
			}
			out = append(out, RowError{Row: r + 1, Column: col, Reason: reason, Value: quoteCell(cell)})
		}
	}
	return out
}

func isForbiddenControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || r == 0x7f: // C0 and DEL
		return true
	case r >= 0x80 && r <= 0x9f: // C1
		return true
	}
	return false
}

// quoteCell shows a bad cell safely: escaped, and cut to a readable length.
func quoteCell(s string) string {
	const maxLen = 40
	if len(s) > maxLen {
		s = s[:maxLen]
	}
	return strconv.QuoteToASCII(s)
}
