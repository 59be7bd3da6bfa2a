package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/hibiken/asynq"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/notification"
	"github.com/danvan-vn/danvan/ent/notificationpreference"
	"github.com/danvan-vn/danvan/ent/provincesetting"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// DigestTimeKey is the province setting holding the digest's time (HH:MM, Vietnam's time).
const DigestTimeKey = "notify.digest_time"

// DefaultDigestTime is the digest's time when the province set none.
const DefaultDigestTime = "07:30"

// digestWindow is how far back a digest looks: a user who turns the digest on is not sent
// months of old notifications.
const digestWindow = 7 * 24 * time.Hour

var hhmm = regexp.MustCompile(`^([01][0-9]|2[0-3]):([0-5][0-9])$`)

// DigestCron turns a digest time (HH:MM) into the scheduler's cron spec; a bad or empty time
// is the default.
func DigestCron(t string) string {
	m := hhmm.FindStringSubmatch(t)
	if m == nil {
		m = hhmm.FindStringSubmatch(DefaultDigestTime)
	}
	return fmt.Sprintf("%s %s * * *", trimZero(m[2]), trimZero(m[1]))
}

func trimZero(s string) string {
	if len(s) == 2 && s[0] == '0' {
		return s[1:]
	}
	return s
}

// DigestPayload names the province a digest runs for.
type DigestPayload struct {
	TenantID int `json:"tenant_id"`
}

// digestSchedule lists one digest per active province at its digest time.
func (s *Service) digestSchedule(ctx context.Context) ([]jobs.Scheduled, error) {
	ctx = tenancy.SystemContext(ctx) // the schedule spans every province
	ts, err := s.db.Tenant.Query().Where(enttenant.StatusEQ(enttenant.StatusActive)).IDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("notify: digest schedule: %w", err)
	}
	rows, err := s.db.ProvinceSetting.Query().Where(provincesetting.Key(DigestTimeKey)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("notify: digest schedule: %w", err)
	}
	at := map[int]string{}
	for _, r := range rows {
		at[r.TenantID] = r.Value
	}
	out := make([]jobs.Scheduled, 0, len(ts))
	for _, id := range ts {
		b, _ := json.Marshal(DigestPayload{TenantID: id})
		out = append(out, jobs.Scheduled{Type: TypeDigest, Cron: DigestCron(at[id]), Payload: b})
	}
	return out, nil
}

func (s *Service) handleDigest(ctx context.Context, payload []byte) error {
	var p DigestPayload
	if err := json.Unmarshal(payload, &p); err != nil || p.TenantID <= 0 {
		return fmt.Errorf("notify: bad digest payload %q: %w", payload, asynq.SkipRetry)
	}
	_, err := s.Digest(ctx, p.TenantID)
	return err
}

// Digest writes the daily digest mails of province tenantID: for each user who wants some kind
// in the digest, one mail listing their notifications of those kinds not digested yet, which
// it then marks digested, all in one transaction. Run twice, it sends one digest. It returns
// how many mails it wrote and kicks the outbox.
func (s *Service) Digest(ctx context.Context, tenantID int) (int, error) {
	ctx, err := jobs.TenantContext(ctx, s.db, tenantID)
	if err != nil {
		return 0, err
	}
	n := 0
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		tn, err := tx.Tenant.Get(tenancy.SystemContext(ctx), tenantID) // the province's own name
		if err != nil {
			return fmt.Errorf("notify: digest: province %d: %w", tenantID, err)
		}
		prefs, err := tx.NotificationPreference.Query().Where(notificationpreference.Digest(true)).All(ctx)
		if err != nil {
			return fmt.Errorf("notify: digest: preferences: %w", err)
		}
		kinds := map[int][]string{}
		var uids []int
		for _, p := range prefs {
			if kinds[p.UserID] == nil {
				uids = append(uids, p.UserID)
			}
			kinds[p.UserID] = append(kinds[p.UserID], p.Kind)
		}
		if len(uids) == 0 {
			return nil
		}
		now := time.Now().UTC()
		// Locked, so a second digest running at once waits and then finds them digested.
		notes, err := tx.Notification.Query().
			Where(notification.DigestedAtIsNil(), notification.UserIDIn(uids...), notification.CreatedAtGTE(now.Add(-digestWindow))).
			Order(ent.Asc(notification.FieldID)).Modify(db.ForUpdate).All(ctx)
		if err != nil {
			return fmt.Errorf("notify: digest: notifications: %w", err)
		}
		byUser := map[int][]*ent.Notification{}
		var ids []int
		for _, nt := range notes {
			if slices.Contains(kinds[nt.UserID], nt.Kind) {
				byUser[nt.UserID] = append(byUser[nt.UserID], nt)
				ids = append(ids, nt.ID)
			}
		}
		if len(ids) == 0 {
			return nil
		}
		who := make([]int, 0, len(byUser))
		for id := range byUser {
			who = append(who, id)
		}
		slices.Sort(who)
		users, err := tx.User.Query().Where(user.IDIn(who...), user.Active(true)).All(ctx)
		if err != nil {
			return fmt.Errorf("notify: digest: users: %w", err)
		}
		today := calendar.Today().String()
		var mails []*ent.MailMessageCreate
		for _, u := range users {
			loc := Locale(u.Locale)
			v := view{Name: u.FullName, Province: tn.Name, Due: today, Link: s.absolute("/t/" + tn.Slug + "/notifications")}
			for _, nt := range byUser[u.ID] {
				r, err := Render(nt.Kind, loc, nt.Vars)
				if err != nil {
					return err
				}
				v.Items = append(v.Items, DigestItem{Title: r.Title, Body: r.Body, Link: s.absolute(nt.Link)})
			}
			parts, err := renderMail(KindDigest, loc, v)
			if err != nil {
				return err
			}
			mails = append(mails, tx.MailMessage.Create().SetKind(KindDigest).SetToAddr(u.Email).SetToName(clip(u.FullName, 200)).
				SetLocale(loc).SetSubject(clip(parts.Subject, 500)).SetTextBody(parts.Text).SetHTMLBody(parts.HTML).
				SetNextAttemptAt(now).SetUserID(u.ID))
		}
		if len(mails) > 0 {
			if err := tx.MailMessage.CreateBulk(mails...).Exec(ctx); err != nil {
				return fmt.Errorf("notify: digest: write mail: %w", err)
			}
		}
		n = len(mails)
		// Every listed notification is digested (an inactive user's too: they are not sent later).
		return tx.Notification.Update().Where(notification.IDIn(ids...)).SetDigestedAt(now).Exec(ctx)
	})
	if err != nil {
		return 0, err
	}
	if n > 0 {
		s.Kick(ctx)
	}
	return n, nil
}
