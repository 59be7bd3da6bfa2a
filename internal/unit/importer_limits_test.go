package unit_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// memoryBound is what refusing one hostile file may allocate in all (garbage included). The
// files below expand to hundreds of MiB or GiB when materialised; refusing them costs a few rows.
const memoryBound = 64 << 20

// allocated runs f and returns the bytes it allocated (runtime.MemStats.TotalAlloc, which counts
// garbage too, so it bounds the heap growth whatever the collector did meanwhile).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// zipPart is one part of a hand-built .xlsx. raw, when set, is stored as already-deflated data
// under a forged header declaring size bytes uncompressed.
type zipPart struct {
	name, body string
	raw        []byte
	size       uint64
}

// rawXLSX builds an .xlsx by hand: excelize itself would pad the hostile rows while writing them.
// sheet streams the worksheet's <sheetData> content.
func rawXLSX(t *testing.T, sheet func(w io.Writer), extra ...zipPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []zipPart{
		{name: "[Content_Types].xml", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{name: "_rels/.rels", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{name: "xl/workbook.xml", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{name: "xl/_rels/workbook.xml.rels", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	}
	for _, p := range append(parts, extra...) {
		if p.raw != nil {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE([]byte(p.body)),
				CompressedSize64: uint64(len(p.raw)), UncompressedSize64: p.size})
			if err != nil {
				t.Fatal(err)
			}
			_, _ = w.Write(p.raw)
			continue
		}
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(w, p.body)
	}
	if sheet != nil {
		w, err := zw.Create("xl/worksheets/sheet1.xml")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		sheet(w)
		_, _ = io.WriteString(w, `</sheetData></worksheet>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// headerRow writes the template's required headers as row 1 (inline strings).
func headerRow(w io.Writer) {
	_, _ = io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>type</t></is></c></row>`)
}

// refusal asserts err is an import refusal with a problem of reason at row (0: any row) and
// column (empty: any column), and returns it.
func refusal(t *testing.T, err error, tooLarge bool, row int, column, reason string) *unit.ImportError {
	t.Helper()
	var ie *unit.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("want an import refusal (%s), got %v", reason, err)
	}
	if ie.TooLarge != tooLarge {
		t.Errorf("TooLarge = %v, want %v (%v)", ie.TooLarge, tooLarge, ie.Rows)
	}
	for _, r := range ie.Rows {
		if r.Reason == reason && (row == 0 || r.Row == row) && (column == "" || r.Column == column) {
			return ie
		}
	}
	t.Fatalf("refusal lacks %d|%s|%s: %+v", row, column, reason, ie.Rows)
	return nil
}

func TestImport_HostileFilesAreRefusedInBoundedMemory(t *testing.T) {
	// Every file here is refused before the database is touched: no client at all.
	s := unit.New(nil, nil)
	asOf := calendar.NewDate(2025, 7, 1).UTC()
	xfdRows := func(n int) func(w io.Writer) {
		return func(w io.Writer) {
			headerRow(w)
			for r := 2; r <= n+1; r++ {
				fmt.Fprintf(w, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
			}
		}
	}
	var deflated bytes.Buffer // 64 MiB of blanks in 64 KiB: a zip bomb, honest about its size
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	_, _ = fw.Write(bytes.Repeat([]byte(" "), 64<<20))
	_ = fw.Close()
	tests := []struct {
		name     string
		file     string
		data     []byte
		tooLarge bool
		row      int
		column   string
		reason   string
		field    string // a file-level refusal: apperr field "file" with this reason
	}{
		{name: "1,000 rows with a cell at XFD", file: "x.xlsx", data: rawXLSX(t, xfdRows(1000)),
			tooLarge: true, row: 2, column: "XFD", reason: "too_many_columns"},
		{name: "10,000 rows with a cell at XFD", file: "x.xlsx", data: rawXLSX(t, xfdRows(10000)),
			tooLarge: true, row: 2, column: "XFD", reason: "too_many_columns"},
		{name: "a cell just past the column cap", file: "x.xlsx", data: rawXLSX(t, func(w io.Writer) {
			headerRow(w)
			fmt.Fprintf(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="AY2"><v>1</v></c></row>`)
		}), tooLarge: true, row: 2, column: "AY", reason: "too_many_columns"},
		{name: "10,000 narrow rows", file: "x.xlsx", data: rawXLSX(t, func(w io.Writer) {
			headerRow(w)
			for r := 2; r <= 10001; r++ {
				fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r)
			}
		}), tooLarge: true, row: unit.MaxImportRows + 2, reason: "too_many_rows"},
		{name: "one value on the sheet's last row", file: "x.xlsx", data: rawXLSX(t, func(w io.Writer) {
			headerRow(w)
			_, _ = io.WriteString(w, `<row r="1048576"><c r="A1048576"><v>1</v></c></row>`)
		}), tooLarge: true, row: unit.MaxImportRows + 2, reason: "too_many_rows"},
		{name: "a sheet that inflates to 64 MiB", file: "x.xlsx",
			data:  rawXLSX(t, nil, zipPart{name: "xl/worksheets/sheet1.xml", raw: deflated.Bytes(), size: 64 << 20}),
			field: "file_too_complex"},
		{name: "a sheet that inflates past the size its zip declares", file: "x.xlsx",
			data:  rawXLSX(t, nil, zipPart{name: "xl/worksheets/sheet1.xml", raw: deflated.Bytes(), size: 1 << 10}),
			field: "file_unreadable"},
		{name: "a zip of 5,000 parts", file: "x.xlsx", data: func() []byte {
			var extra []zipPart
			for i := range 5000 {
				extra = append(extra, zipPart{name: fmt.Sprintf("xl/media/p%d.bin", i), body: "x"})
			}
			return rawXLSX(t, headerRow, extra...)
		}(), field: "file_too_complex"},
		{name: "a CSV line of a million commas", file: "x.csv",
			data:     []byte("code,name,type\nA" + strings.Repeat(",", 1_000_000) + "\n"),
			tooLarge: true, row: 2, column: "AY", reason: "too_many_columns"},
		{name: "a CSV of a million short lines", file: "x.csv",
			data:     []byte("code,name,type\n" + strings.Repeat("A,B,C\n", 1_000_000)),
			tooLarge: true, row: unit.MaxImportRows + 2, reason: "too_many_rows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocated(func() { _, err = s.Import(context.Background(), tt.file, bytes.NewReader(tt.data), asOf) })
			if tt.field != "" {
				e, ok := apperr.As(err)
				if !ok || e.Fields["file"] != tt.field {
					t.Fatalf("want file refused as %s, got %v", tt.field, err)
				}
			} else {
				ie := refusal(t, err, tt.tooLarge, tt.row, tt.column, tt.reason)
				if e, ok := apperr.As(ie); !ok || e.Kind != apperr.KindTooLarge || e.Code != "import_too_large" || len(e.Rows) == 0 {
					t.Errorf("as apperr: %+v", e)
				}
			}
			t.Logf("%d KiB file refused after allocating %d KiB", len(tt.data)>>10, n>>10)
			if n > memoryBound {
				t.Errorf("refusing a %d KiB file allocated %d MiB (bound %d MiB)", len(tt.data)>>10, n>>20, memoryBound>>20)
			}
		})
	}
}

func TestImport_ControlCharactersAreRowProblems(t *testing.T) {
	for name, db := range backends() {
		t.Run(name, func(t *testing.T) {
			d := testenv.OpenDB(t, db(t))
			v := testenv.Province(t, d.Client, "quang-ngai", "Quảng Ngãi")
			ctx := viewer.NewContext(context.Background(), v)
			s := unit.New(d.Client, nil)
			asOf := calendar.NewDate(2025, 7, 1).UTC()
			bad := goodCSV +
				"X-4,UBND xã Bốn\x00,,\"UBND xã, phường\",QN,,,\n" + // NUL
				"X-5,UBND xã Năm,,\"UBND xã, phường\",QN,,Lê \x1b[31mĐỏ,\n" + // escape sequence
				"X-6,UBND xã S\xe1u,,\"UBND xã, phường\",QN,,,\n" + // Latin-1, not UTF-8
				"X-7,UBND xã Bảy\u0085,,\"UBND xã, phường\",QN,,,\n" // C1 control
			_, err := s.Import(ctx, "don-vi.csv", strings.NewReader(bad), asOf)
			refusal(t, err, false, 5, "Tên đơn vị", "cell_control")
			refusal(t, err, false, 6, "Cán bộ phụ trách dân vận - họ tên", "cell_control")
			refusal(t, err, false, 7, "Tên đơn vị", "cell_encoding")
			ie := refusal(t, err, false, 8, "Tên đơn vị", "cell_control")
			for _, r := range ie.Rows {
				if strings.ContainsFunc(r.Value, func(c rune) bool { return c < 0x20 || c == 0x7f || c == 0xfffd }) {
					t.Errorf("the report echoes the raw cell: %q", r.Value)
				}
			}
			if e, ok := apperr.As(err); !ok || e.Kind != apperr.KindInvalid || e.Code != "import_invalid" || len(e.Rows) != len(ie.Rows) {
				t.Errorf("as apperr: %+v", e)
			}
			if nodes, _ := s.AsOf(ctx, asOf, ""); len(nodes) != 0 {
				t.Fatalf("a refused file wrote %d units", len(nodes))
			}
			// Tabs and line breaks inside a quoted cell are text a spreadsheet may hold.
			ok := goodCSV + "X-8,\"UBND xã\tTám\r\nmới\",,\"UBND xã, phường\",QN,,,\n"
			if res, err := s.Import(ctx, "don-vi.csv", strings.NewReader(ok), asOf); err != nil || res.Created != 4 {
				t.Fatalf("import with a multi-line cell: %+v %v", res, err)
			}
			u, _ := s.ByCode(ctx, "X-8")
			if v, _ := s.VersionOn(ctx, u.ID, asOf); v.Name != "UBND xã Tám mới" {
				t.Errorf("name %q, want white space collapsed", v.Name)
			}
		})
	}
}
