package reports_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/reports"
	"github.com/danvan-vn/danvan/internal/reportdoc"
)

const docxAPI = api + "/docx-template"

// marker is the word changed in the letterhead of the province's own template.
const marker = "MẪU RIÊNG NGHỆ AN"

// rezip copies a zip, changing each part through edit (nil drops it) and adding extra parts.
func rezip(t *testing.T, src []byte, edit func(name string, b []byte) []byte, extra map[string]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if edit != nil {
			if b = edit(f.Name, b); b == nil {
				continue
			}
		}
		w, _ := zw.Create(f.Name)
		_, _ = w.Write(b)
	}
	for name, s := range extra {
		w, _ := zw.Create(name)
		_, _ = w.Write([]byte(s))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// part reads one part of a zip ("" when it is not there or the bytes are not a zip).
func part(b []byte, name string) string {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return ""
			}
			defer rc.Close()
			out, _ := io.ReadAll(rc)
			return string(out)
		}
	}
	return ""
}

// replaceIn changes old to new in the part name of the built-in template.
func replaceIn(t *testing.T, name, old, new string) []byte {
	t.Helper()
	if !strings.Contains(part(reportdoc.DefaultTemplate(), name), old) {
		t.Fatalf("the built-in template's %s has no %q", name, old)
	}
	return rezip(t, reportdoc.DefaultTemplate(), func(n string, b []byte) []byte {
		if n == name {
			return []byte(strings.Replace(string(b), old, new, 1))
		}
		return b
	}, nil)
}

// putFile sends a multipart PUT with one file in the field file.
func putFile(t *testing.T, c *apptest.Client, path, name string, content []byte) (*http.Response, []byte) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", name)
	_, _ = fw.Write(content)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPut, c.E.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-CSRF-Token", c.CSRF())
	resp, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// current downloads the template in use and says whose it is.
func current(t *testing.T, c *apptest.Client, path string) ([]byte, string) {
	t.Helper()
	resp, body := c.Do(http.MethodGet, path, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	return body, resp.Header.Get("X-Template")
}

// generatedDOCX runs the period's consolidation and returns its DOCX output.
func generatedDOCX(t *testing.T, f *fixture) []byte {
	t.Helper()
	pid := strconv.Itoa(f.period.Period.ID)
	resp, body := f.admin.Do(http.MethodPost, api+"/periods/"+pid+"/generate", nil)
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	type job struct {
		Status string `json:"status"`
	}
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, body = f.admin.Do(http.MethodGet, api+"/periods/"+pid+"/generation", nil)
		apptest.Expect(t, resp, body, http.StatusOK, "")
		j := decode[job](t, body)
		if j.Status == "succeeded" {
			break
		}
		if j.Status == "failed" || time.Now().After(deadline) {
			t.Fatalf("generation: %s", body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	resp, body = f.admin.Do(http.MethodGet, api+"/periods/"+pid+"/outputs", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	for _, o := range decode[reports.OutputsJSON](t, body).Outputs {
		if o.Kind == "docx" {
			resp, body = f.admin.Do(http.MethodGet, api+"/periods/"+pid+"/outputs/"+strconv.Itoa(o.ID), nil)
			apptest.Expect(t, resp, body, http.StatusOK, "")
			return body
		}
	}
	t.Fatalf("no DOCX output: %s", body)
	return nil
}

// TestReports_DocxTemplate: the province uploads its own letterhead template and the province
// report is laid out in it; bad templates are refused by reason and change nothing; reset goes
// back to the built-in one; only report_template:update holders change it, in their province.
func TestReports_DocxTemplate(t *testing.T) {
	f := setup(t)
	var common map[string]string
	if b, err := os.ReadFile("../../../web/i18n/vi/common.json"); err != nil || json.Unmarshal(b, &common) != nil {
		t.Fatalf("the Vietnamese catalog: %v", err)
	}

	// At first: the built-in template, readable by anyone who reads reports.
	b, whose := current(t, f.reader, docxAPI)
	if whose != "builtin" || !bytes.Equal(b, reportdoc.DefaultTemplate()) {
		t.Fatalf("before any upload: %s, %d bytes", whose, len(b))
	}

	// The province's own: the built-in one with a changed letterhead.
	own := replaceIn(t, "word/document.xml", "Nơi nhận:", "Nơi nhận ("+marker+"):")
	resp, body := putFile(t, f.admin, docxAPI, "mau-nghe-an.docx", own)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if got := decode[reports.DocxTemplateJSON](t, body); !got.Custom || got.Size != int64(len(own)) {
		t.Errorf("upload answer: %+v", got)
	}
	if b, whose = current(t, f.reader, docxAPI); whose != "custom" || !bytes.Equal(b, own) {
		t.Fatalf("after the upload: %s, %d bytes", whose, len(b))
	}
	if doc := part(generatedDOCX(t, f), "word/document.xml"); !strings.Contains(doc, marker) {
		t.Errorf("the province report is not laid out in the province's template")
	}

	// Refusals: 422 naming file with the reason; the stored template stays.
	noBody := replaceIn(t, "word/document.xml", "{{noi_dung}}", "nội dung")
	notDocx := rezip(t, reportdoc.DefaultTemplate(), func(n string, b []byte) []byte {
		if n == "word/document.xml" {
			return nil
		}
		return b
	}, map[string]string{"ghi-chu.txt": "không phải văn bản Word"})
	docm := rezip(t, replaceIn(t, "[Content_Types].xml", "wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml"),
		nil, map[string]string{"word/vbaProject.bin": "macro"})
	oversize := append(bytes.Clone(own), make([]byte, reportdoc.MaxTemplateSize)...)
	for _, c := range []struct {
		what, name string
		content    []byte
		reason     string
	}{
		{"no {{noi_dung}}", "mau.docx", noBody, "template_no_body_placeholder"},
		{"a zip that is no docx", "mau.docx", notDocx, "template_not_docx"},
		{"plain text", "mau.docx", []byte("không phải zip"), "template_not_docx"},
		{"macros", "mau.docm", docm, "template_macro"},
		{"over 5 MB", "mau.docx", oversize, "template_too_large"},
		{"empty", "mau.docx", nil, "file_empty"},
	} {
		resp, body := putFile(t, f.admin, docxAPI, c.name, c.content)
		// The problem names the field with the message of its reason (in Vietnamese, the default).
		var p struct {
			Errors map[string]string `json:"errors"`
		}
		_ = json.Unmarshal(body, &p)
		if want := common["field."+c.reason]; resp.StatusCode != http.StatusUnprocessableEntity || want == "" || p.Errors["file"] != want {
			t.Errorf("%s: %d %.400s, want 422 file %s (%q)", c.what, resp.StatusCode, body, c.reason, want)
		}
	}
	resp, body = f.admin.Do(http.MethodPut, docxAPI, map[string]any{})
	expectField(t, "no file", resp, body, "file")
	if b, whose = current(t, f.admin, docxAPI); whose != "custom" || !bytes.Equal(b, own) {
		t.Errorf("refusals changed the stored template: %s, %d bytes", whose, len(b))
	}

	// Neither the read-only leader, unit staff nor the standing agency (not granted) change it;
	// another province does not even find it, and keeps its own (built-in) template.
	for name, c := range map[string]*apptest.Client{"readonly_leader": f.reader, "unit_officer": f.officerA, "unit_leader": f.leaderA,
		"standing_agency": f.standing} {
		resp, body := putFile(t, c, docxAPI, "mau.docx", noBody)
		expectStatus(t, name+" uploads", resp, body, http.StatusForbidden)
		resp, body = c.Do(http.MethodDelete, docxAPI, nil)
		expectStatus(t, name+" resets", resp, body, http.StatusForbidden)
		if st, _ := c.Page(pages + "/docx-template"); st != http.StatusForbidden {
			t.Errorf("%s opens the template page: %d", name, st)
		}
		resp, _ = c.Form(pages+"/docx-template/reset", url.Values{})
		expectStatus(t, name+" resets by the page", resp, nil, http.StatusForbidden)
	}
	hb := f.e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	for _, m := range []string{http.MethodGet, http.MethodDelete} {
		resp, body := hb.Do(m, docxAPI, nil)
		expectStatus(t, "Hòa Bình "+m+" Nghệ An's template", resp, body, http.StatusNotFound)
	}
	resp, body = putFile(t, hb, docxAPI, "mau.docx", noBody)
	expectStatus(t, "Hòa Bình uploads to Nghệ An", resp, body, http.StatusNotFound)
	if st, _ := hb.Page(pages + "/docx-template"); st != http.StatusNotFound {
		t.Errorf("Hòa Bình opens Nghệ An's template page: %d", st)
	}
	if b, whose = current(t, hb, "/api/v1/t/hoa-binh/reports/docx-template"); whose != "builtin" || !bytes.Equal(b, reportdoc.DefaultTemplate()) {
		t.Errorf("Hòa Bình got Nghệ An's template: %s", whose)
	}
	if b, whose = current(t, f.admin, docxAPI); whose != "custom" || !bytes.Equal(b, own) {
		t.Errorf("the refused people changed the template: %s", whose)
	}

	// Reset: the built-in template again (twice is fine).
	for range 2 {
		resp, body = f.admin.Do(http.MethodDelete, docxAPI, nil)
		apptest.Expect(t, resp, body, http.StatusNoContent, "")
	}
	if b, whose = current(t, f.reader, docxAPI); whose != "builtin" || !bytes.Equal(b, reportdoc.DefaultTemplate()) {
		t.Errorf("after reset: %s, %d bytes", whose, len(b))
	}
}

// TestReports_DocxTemplatePage: the page in both languages with the placeholders, uploads and
// resets by its forms, a refusal shown by the field; the templates list links to it.
func TestReports_DocxTemplatePage(t *testing.T) {
	f := setup(t)
	page := pages + "/docx-template"
	for _, lang := range []struct{ code, title, builtin, desc string }{
		{"vi", "Mẫu trình bày văn bản Word (DOCX)", "Mẫu có sẵn của danvan", reportdoc.Placeholders[1].VI},
		{"en", "Word (DOCX) layout template", "danvan&#39;s built-in template", reportdoc.Placeholders[1].EN},
	} {
		f.admin.Lang = lang.code
		st, html := f.admin.Page(page)
		if key := rawKey.FindString(strings.ReplaceAll(html, "/static/reports.js", "")); st != http.StatusOK || key != "" ||
			!strings.Contains(html, lang.title) || !strings.Contains(html, lang.builtin) || !strings.Contains(html, lang.desc) {
			t.Errorf("%s page: %d (raw key %q)", lang.code, st, key)
		}
		for _, p := range reportdoc.Placeholders {
			if !strings.Contains(html, "<code>"+p.Name+"</code>") {
				t.Errorf("%s page lacks %s", lang.code, p.Name)
			}
		}
		if strings.Contains(html, page+"/reset") {
			t.Errorf("%s: a reset button while the built-in template is in use", lang.code)
		}
		_, html = f.admin.Page(pages + "/templates")
		if !strings.Contains(html, `href="`+page+`"`) || !strings.Contains(html, page+"/file") {
			t.Errorf("%s: the templates list does not link to the DOCX template", lang.code)
		}
	}
	f.admin.Lang = ""
	_, html := f.reader.Page(pages + "/templates")
	if strings.Contains(html, `href="`+page+`"`) || !strings.Contains(html, page+"/file") {
		t.Errorf("read-only leader: a link to manage the template, or no download link")
	}

	// A refused upload by the form: 422 with the message by the field; nothing stored.
	resp, body := f.admin.Upload(page, "file", "mau.docx", []byte("không phải zip"), nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "Tệp mẫu không phải văn bản Word (.docx).") ||
		!strings.Contains(string(body), `aria-invalid="true"`) {
		t.Errorf("refused upload by the form: %d", resp.StatusCode)
	}
	if _, whose := current(t, f.admin, page+"/file"); whose != "builtin" {
		t.Errorf("a refused upload stored something: %s", whose)
	}

	// Upload by the form, then reset by its button.
	own := replaceIn(t, "word/document.xml", "Nơi nhận:", "Nơi nhận ("+marker+"):")
	resp, _ = f.admin.Upload(page, "file", "mau.docx", own, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload by the form: %d", resp.StatusCode)
	}
	_, html = f.admin.Page(page)
	if !strings.Contains(html, "Mẫu riêng của tỉnh") || !strings.Contains(html, page+"/reset") {
		t.Errorf("the page does not show the province's own template")
	}
	if b, whose := current(t, f.reader, page+"/file"); whose != "custom" || !bytes.Equal(b, own) {
		t.Errorf("download by the page after the upload: %s", whose)
	}
	resp, _ = f.admin.Form(page+"/reset", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset by the form: %d", resp.StatusCode)
	}
	if _, whose := current(t, f.admin, page+"/file"); whose != "builtin" {
		t.Errorf("after the reset button: %s", whose)
	}
}
