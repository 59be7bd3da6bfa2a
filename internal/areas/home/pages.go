package home

import (
	"net/http"

	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

func (h *handler) homePage(c echo.Context) error {
	ctx := c.Request().Context()
	p := web.HomePage{Page: httpapi.PageOf(c, "home.title")}
	if p.Can["job:read"] {
		js, _, err := h.jobs.List(ctx, httpapi.Tenant(c).ID, jobs.Filter{PerPage: 20})
		if err != nil {
			return err
		}
		for _, j := range js {
			p.Jobs = append(p.Jobs, jobRow(j))
		}
	}
	members, err := h.members.Count(ctx)
	if err != nil {
		return err
	}
	p.Members = members
	if p.Can["usage:read"] {
		u, err := h.quota.Usage(ctx) // lists the bucket once, for the bars and the count
		if err != nil {
			return err
		}
		p.Usage = &web.UsageVM{Plan: u.Plan, Units: u.Units, MaxUnits: u.MaxUnits, Users: u.Users, MaxUsers: u.MaxUsers,
			StorageBytes: u.StorageBytes, MaxStorageBytes: u.MaxStorageBytes, Reports: u.ReportsThisMonth, MaxReports: u.MaxReportsMonth}
		p.StorageObjects = u.Objects
	} else if objs, err := h.store.List(ctx, viewer.FromContext(ctx).TenantSlug, ""); err == nil {
		p.StorageObjects = len(objs)
	}
	return httpapi.HTML(c, http.StatusOK, "home", p)
}

func jobRow(j jobs.Job) web.JobRow {
	return web.JobRow{ID: j.ID, Type: j.Type, Status: string(j.Status), Progress: j.Progress, Attempts: j.Attempts,
		LastError: j.Error, CreatedAt: j.CreatedAt}
}
