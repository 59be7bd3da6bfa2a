package reports

import (
	"bytes"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/report"
	"github.com/danvan-vn/danvan/internal/reportdoc"
	"github.com/danvan-vn/danvan/internal/web"
)

// The province's DOCX template: the Word file the province report is laid out in (its
// letterhead, fonts and margins), with placeholders danvan fills. Without one of its own the
// province uses the built-in template in the Nghị định 30/2020 layout.

// DocxTemplateJSON says which DOCX template the province's reports use.
type DocxTemplateJSON struct {
	Custom bool  `json:"custom" doc:"The province's own template (false: the built-in one)"`
	Size   int64 `json:"size" doc:"Bytes of the template in use"`
}

// PlaceholderRow is a placeholder of the template described in the viewer's language.
type PlaceholderRow struct{ Name, Description string }

// DocxTemplatePage shows the template in use, the upload form, the reset button and the
// placeholders.
type DocxTemplatePage struct {
	web.Page
	Home         string // /t/{slug}/reports
	URL          string // this page
	Custom       bool
	Size         int64
	Placeholders []PlaceholderRow
	Errors       map[string]string
}

func placeholderRows(lang string) []PlaceholderRow {
	out := make([]PlaceholderRow, 0, len(reportdoc.Placeholders))
	for _, p := range reportdoc.Placeholders {
		d := p.VI
		if lang == "en" {
			d = p.EN
		}
		out = append(out, PlaceholderRow{Name: p.Name, Description: d})
	}
	return out
}

func (h *handler) docxData(c echo.Context, p *DocxTemplatePage) error {
	b, custom, err := h.reports.DocxTemplate(c.Request().Context())
	if err != nil {
		return err
	}
	p.Home = h.base(c)
	p.URL = p.Home + "/docx-template"
	p.Custom, p.Size = custom, int64(len(b))
	p.Placeholders = placeholderRows(p.Lang)
	return nil
}

func (h *handler) docxPage(c echo.Context) error {
	p := DocxTemplatePage{Page: httpapi.PageOf(c, "reports.docx.title")}
	if err := h.docxData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "report_docx_template", p)
}

// docxRefused shows the page again with the reasons of a refused upload.
func (h *handler) docxRefused(c echo.Context, err error) error {
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	p := DocxTemplatePage{Page: httpapi.PageOf(c, "reports.docx.title"), Errors: fields}
	if err := h.docxData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "report_docx_template", p)
}

// setDocx stores the request's file (field "file") as the province's template. An empty file
// is file_empty and one over 5 MB template_too_large (the generic file_too_large names another
// limit); what CheckTemplate refuses is template_<code>.
func (h *handler) setDocx(c echo.Context) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return httpapi.Invalid("file", "required")
	}
	switch {
	case fh.Size == 0:
		return httpapi.Invalid("file", "file_empty")
	case fh.Size > reportdoc.MaxTemplateSize:
		return httpapi.Invalid("file", "template_too_large")
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	err = h.reports.SetDocxTemplate(c.Request().Context(), fh.Size, f)
	if e, ok := apperr.As(err); ok && e.Kind == apperr.KindInvalid && e.Fields["file"] == "file_too_large" {
		return httpapi.Invalid("file", "template_too_large")
	}
	return err
}

func (h *handler) docxSubmit(c echo.Context) error {
	if err := h.setDocx(c); err != nil {
		return h.docxRefused(c, err)
	}
	return httpapi.Redirect(c, h.base(c)+"/docx-template", "docx_uploaded")
}

func (h *handler) docxResetSubmit(c echo.Context) error {
	if err := h.reports.ResetDocxTemplate(c.Request().Context()); err != nil {
		return err
	}
	return httpapi.Redirect(c, h.base(c)+"/docx-template", "docx_reset")
}

// docxDownload sends the template in use; the header X-Template says whose it is.
func (h *handler) docxDownload(c echo.Context) error {
	b, custom, err := h.reports.DocxTemplate(c.Request().Context())
	if err != nil {
		return err
	}
	name, whose := "mau-bao-cao-mac-dinh.docx", "builtin"
	if custom {
		name, whose = "mau-bao-cao-"+httpapi.Tenant(c).Slug+".docx", "custom"
	}
	c.Response().Header().Set("X-Template", whose)
	return httpapi.Attachment(c, name, report.TypeDOCX, int64(len(b)), bytes.NewReader(b))
}

func (h *handler) apiDocxUpload(c echo.Context) error {
	if err := h.setDocx(c); err != nil {
		return err
	}
	b, custom, err := h.reports.DocxTemplate(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, DocxTemplateJSON{Custom: custom, Size: int64(len(b))})
}

func (h *handler) apiDocxReset(c echo.Context) error {
	if err := h.reports.ResetDocxTemplate(c.Request().Context()); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
