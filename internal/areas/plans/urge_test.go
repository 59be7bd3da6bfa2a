package plans_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/reminderdecision"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/plans"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// TestPlans_Urge: urging from a task and from a plan's obligations board goes through the
// reminder engine (a decision, a notification, an outbox mail per contact) for the units that
// have not finished only; unit staff and another province are refused.
func TestPlans_Urge(t *testing.T) {
	f := setup(t)
	a, b := f.units[0], f.units[1]
	ctx := tenancy.SystemContext(t.Context()) // the test sets the units' contacts below the services
	if err := db.InTx(ctx, f.e.App.DB.Client, func(tx *ent.Tx) error {
		for _, u := range []int{a, b} {
			if err := tx.UnitVersion.Update().Where(unitversion.UnitID(u)).
				SetOfficerName("Cán bộ dân vận").SetOfficerEmail(fmt.Sprintf("can-bo-%d@nghe-an.vn", u)).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	resp, body := f.admin.Do(http.MethodPost, api+"/plans", map[string]any{"title": "Kế hoạch dân vận chính quyền năm 2026",
		"kind": "ke_hoach", "year": 2026, "status": "issued"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	p := decode[plans.PlanJSON](t, body)
	resp, body = f.admin.Do(http.MethodPost, fmt.Sprintf("%s/plans/%d/tasks", api, p.ID), map[string]any{"number": "1",
		"content": "Tổ chức đối thoại với Nhân dân.", "due_on": "30/12/2099", "lead_unit_ids": []int{a, b}, "requires_plan": true, "plan_due": "15/12/2099"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	tk := decode[plans.TaskJSON](t, body)

	officerA := f.e.UnitPerson(t, "can-bo-urge@nghe-an.vn", "unit_officer", "nghe-an", a, false)
	// A completes its assignment: only B is urged.
	resp, body = f.admin.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d", api, p.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	board := decode[plans.BoardJSON](t, body)
	for _, x := range board.Tasks[0].Lead {
		if x.UnitID == a {
			resp, body = officerA.Do(http.MethodPost, fmt.Sprintf("%s/assignments/%d/progress", api, x.ID),
				map[string]any{"percent": 100, "narrative": "Đã tổ chức.", "completes": true})
			apptest.Expect(t, resp, body, http.StatusCreated, "")
		}
	}
	resp, body = f.admin.Do(http.MethodPost, fmt.Sprintf("%s/tasks/%d/urge", api, tk.ID), map[string]any{"note": "Đề nghị khẩn trương thực hiện."})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if n := decode[plans.UrgedJSON](t, body).Count; n != 1 {
		t.Errorf("task urge: %d units, want 1 (B)", n)
	}
	// The obligations board: both units owe their implementation plan.
	resp, body = f.admin.Do(http.MethodPost, fmt.Sprintf("%s/plans/%d/obligations/urge", api, p.ID), map[string]any{})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if n := decode[plans.UrgedJSON](t, body).Count; n != 2 {
		t.Errorf("obligations urge: %d units, want 2", n)
	}
	ds, err := f.e.App.DB.Client.ReminderDecision.Query().Where(reminderdecision.Kind("urge")).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, d := range ds {
		got[d.SubjectKind]++
		if d.SubjectKind == "task" && (d.UnitID != b || d.Note != "Đề nghị khẩn trương thực hiện." || d.Email == "") {
			t.Errorf("task urge decision %+v", d)
		}
	}
	if got["task"] != 1 || got["obligation"] != 2 {
		t.Errorf("urge decisions by subject %v, want task 1, obligation 2", got)
	}
	mails, err := f.e.App.DB.Client.MailMessage.Query().Count(ctx)
	if err != nil || mails < 3 {
		t.Errorf("outbox: %d mails (%v), want one per urged contact", mails, err)
	}

	// The page form redirects back with a notice.
	status, page := f.admin.Page(fmt.Sprintf("/t/nghe-an/tasks/%d", tk.ID))
	if status != http.StatusOK || !strings.Contains(page, fmt.Sprintf(`action="/t/nghe-an/tasks/%d/urge"`, tk.ID)) {
		t.Errorf("task page: %d, urge form shown: %v", status, strings.Contains(page, "/urge"))
	}
	// Unit staff may not urge; another province does not find the task.
	resp, body = officerA.Do(http.MethodPost, fmt.Sprintf("%s/tasks/%d/urge", api, tk.ID), map[string]any{})
	apptest.Expect(t, resp, body, http.StatusForbidden, "")
	hb := f.e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	resp, body = hb.Do(http.MethodPost, fmt.Sprintf("/api/v1/t/hoa-binh/tasks/%d/urge", tk.ID), map[string]any{})
	apptest.Expect(t, resp, body, http.StatusNotFound, "")
}
