// Package unitnotes is the area of notes on a unit: what the standing agency or the unit's own
// staff write down about it. Notes are unit-owned rows behind the unit wall: unit staff read and
// write only their own unit's.
package unitnotes

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/web"
)

// Notes is what the area needs of the unit note service.
type Notes interface {
	List(ctx context.Context, unitID int) ([]*ent.UnitNote, error)
	Create(ctx context.Context, unitID int, body string) (*ent.UnitNote, error)
	Delete(ctx context.Context, unitID, id int) error
}

type handler struct{ notes Notes }

// New builds the area.
func New(n Notes) httpapi.Area { return &handler{notes: n} }

// Permissions this area's routes declare.
var (
	permRead   = authz.Permission{Object: "unit_note", Action: "read"}
	permCreate = authz.Permission{Object: "unit_note", Action: "create"}
	permDelete = authz.Permission{Object: "unit_note", Action: "delete"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("unitnotes")
	r.Flash("note_added", "unitnotes.added")
	r.Flash("note_deleted", "unitnotes.deleted")
	r.Templates("unit_notes")
	p := r.Province()
	p.Page(httpapi.GET, "/units/:id/notes", h.page, permRead)
	p.Page(httpapi.POST, "/units/:id/notes", h.create, permCreate)
	p.Page(httpapi.POST, "/units/:id/notes/:nid/delete", h.delete, permDelete)
	p.API(httpapi.GET, "/units/:id/notes", h.apiList, permRead, httpapi.Out[[]NoteJSON](),
		httpapi.Summary("A unit's notes, newest first"))
	p.API(httpapi.POST, "/units/:id/notes", h.apiCreate, permCreate, httpapi.In[NoteRequest](), httpapi.Out[NoteJSON](),
		httpapi.Created(), httpapi.Summary("Add a note to a unit"))
	p.API(httpapi.DELETE, "/units/:id/notes/:nid", h.apiDelete, permDelete, httpapi.Summary("Delete a note"))
}

// NoteRequest is a new note, from a form or JSON: the one binding both share.
type NoteRequest struct {
	Body string `json:"body" form:"body" maxLength:"4000" doc:"The note, up to 4000 characters; new lines are kept."`
}

// NoteJSON is a note as the API shows it.
type NoteJSON struct {
	ID        int       `json:"id"`
	UnitID    int       `json:"unit_id"`
	Body      string    `json:"body"`
	AuthorID  int       `json:"author_id"`
	CreatedAt time.Time `json:"created_at"`
}

func noteJSON(n *ent.UnitNote) NoteJSON {
	return NoteJSON{ID: n.ID, UnitID: n.UnitID, Body: n.Body, AuthorID: n.AuthorID, CreatedAt: n.CreatedAt}
}

// NotesPage is the page of a unit's notes.
type NotesPage struct {
	web.Page
	UnitID    int
	Notes     []NoteJSON
	Body      string
	Errors    map[string]string
	CanCreate bool
	CanDelete bool
	URL       string
}

func (h *handler) apiList(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ns, err := h.notes.List(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := make([]NoteJSON, 0, len(ns))
	for _, n := range ns {
		out = append(out, noteJSON(n))
	}
	return c.JSON(http.StatusOK, out)
}

// add binds and creates a note: the page and the API share it.
func (h *handler) add(c echo.Context) (int, NoteRequest, *ent.UnitNote, error) {
	var in NoteRequest
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return 0, in, nil, err
	}
	if err := httpapi.Bind(c, &in); err != nil {
		return id, in, nil, err
	}
	n, err := h.notes.Create(c.Request().Context(), id, in.Body)
	return id, in, n, err
}

func (h *handler) apiCreate(c echo.Context) error {
	_, _, n, err := h.add(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, noteJSON(n))
}

func (h *handler) apiDelete(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	nid, err := httpapi.ID(c, "nid")
	if err != nil {
		return err
	}
	if err := h.notes.Delete(c.Request().Context(), id, nid); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *handler) render(c echo.Context, status, unitID int, body string, errs map[string]string) error {
	ns, err := h.notes.List(c.Request().Context(), unitID)
	if err != nil {
		return err
	}
	p := NotesPage{Page: httpapi.PageOf(c, "unitnotes.title"), UnitID: unitID, Body: body, Errors: errs,
		CanCreate: httpapi.Can(c, permCreate), CanDelete: httpapi.Can(c, permDelete),
		URL: httpapi.ProvinceURL(c, "/units/"+strconv.Itoa(unitID)+"/notes")}
	for _, n := range ns {
		p.Notes = append(p.Notes, noteJSON(n))
	}
	return httpapi.HTML(c, status, "unit_notes", p)
}

func (h *handler) page(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, id, "", nil)
}

func (h *handler) create(c echo.Context) error {
	id, in, _, err := h.add(c)
	if err != nil {
		fields, ok := httpapi.FieldKeys(err)
		if !ok {
			return err
		}
		return h.render(c, http.StatusUnprocessableEntity, id, in.Body, fields)
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/units/"+strconv.Itoa(id)+"/notes"), "note_added")
}

func (h *handler) delete(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	nid, err := httpapi.ID(c, "nid")
	if err != nil {
		return err
	}
	if err := h.notes.Delete(c.Request().Context(), id, nid); err != nil {
		return err
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/units/"+strconv.Itoa(id)+"/notes"), "note_deleted")
}
