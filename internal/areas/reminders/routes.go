package reminders

import (
	"net/http"

	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permRead   = authz.Permission{Object: "reminder", Action: "read"}
	permUpdate = authz.Permission{Object: "reminder", Action: "update"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("reminders")
	for name, key := range map[string]string{"rule_added": "reminders.flash.rule_added", "rule_saved": "reminders.flash.rule_saved",
		"rule_deleted": "reminders.flash.rule_deleted", "times_saved": "reminders.flash.times_saved",
		"reminder_resent": "reminders.flash.resent"} {
		r.Flash(name, key)
	}
	r.Nav(httpapi.NavItem{Section: httpapi.NavProvince, Label: "reminders.nav", Path: "/reminders", Perm: permRead, Order: 34})
	r.Templates("reminders", "reminder_log", "reminder_entry")

	p := r.Province()
	p.Page(httpapi.GET, "/reminders", h.settingsPage, permRead)
	p.Page(httpapi.POST, "/reminders/rules", h.ruleCreateSubmit, permUpdate)
	p.Page(httpapi.POST, "/reminders/rules/:id", h.ruleUpdateSubmit, permUpdate)
	p.Page(httpapi.POST, "/reminders/rules/:id/delete", h.ruleDeleteSubmit, permUpdate)
	p.Page(httpapi.POST, "/reminders/times", h.timesSubmit, permUpdate)
	p.Page(httpapi.GET, "/reminders/log", h.logPage, permRead)
	p.Page(httpapi.GET, "/reminders/log/:id", h.entryPage, permRead)
	p.Page(httpapi.POST, "/reminders/log/:id/resend", h.resendSubmit, permUpdate)

	p.API(httpapi.GET, "/reminders/settings", h.apiSettings, permRead, httpapi.Out[SettingsJSON](),
		httpapi.Summary("The province's reminder and escalation rules by source, the regimes' report offsets and the sending and digest times"))
	p.API(httpapi.POST, "/reminders/rules", h.apiRuleCreate, permUpdate, httpapi.In[RuleRequest](), httpapi.Out[RuleJSON](),
		httpapi.Created(), httpapi.Summary("Add a rule (source, offset_days, target); 409 when the same rule exists; report reminders to units come from the regimes"))
	p.API(http.MethodPatch, "/reminders/rules/:id", h.apiRuleUpdate, permUpdate, httpapi.In[RulePatch](), httpapi.Out[RuleJSON](),
		httpapi.Summary("Change a rule: the fields given (offset_days, target, active)"))
	p.API(httpapi.DELETE, "/reminders/rules/:id", h.apiRuleDelete, permUpdate,
		httpapi.Summary("Delete a rule (its past reminders stay in the log); 204"))
	p.API(httpapi.PUT, "/reminders/times", h.apiTimes, permUpdate, httpapi.In[TimesRequest](), httpapi.Out[TimesJSON](),
		httpapi.Summary("Set the sending and digest times (HH:MM, Vietnam's time; reminders go out on working days)"))
	p.API(httpapi.GET, "/reminders/preview", h.apiPreview, permRead, httpapi.Out[PreviewJSON](),
		httpapi.Summary("Who would be reminded on a day and why, without sending anything (?day=YYYY-MM-DD or dd/mm/yyyy, default tomorrow)"))
	p.API(httpapi.GET, "/reminders/log", h.apiLog, permRead, httpapi.Out[LogJSON](),
		httpapi.Summary("The reminders decided, newest first (?kind=reminder|escalation|urge&subject_kind=&unit_id=&from=&to=&q=&page=&per_page=)"))
	p.API(httpapi.GET, "/reminders/log/:id", h.apiEntry, permRead, httpapi.Out[EntryJSON](),
		httpapi.Summary("One reminder of the log with its delivery"))
	p.API(httpapi.POST, "/reminders/log/:id/resend", h.apiResend, permUpdate, httpapi.Out[EntryJSON](),
		httpapi.Summary("Deliver a reminder again (a new mail; a new notification if the first was read)"))
}
