package reminder

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/hibiken/asynq"

	"github.com/danvan-vn/danvan/ent/provincesetting"
	"github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// TypeSweep is the periodic task that sweeps one province.
const TypeSweep = "reminder:sweep"

// SweepPayload names the province to sweep.
type SweepPayload struct {
	TenantID int `json:"tenant_id"`
}

// Province is the province the sweep runs in.
func (p SweepPayload) Province() int { return p.TenantID }

// lastCatchUpHour is the last hour a sweep that a dead worker missed is made up, the same day.
const lastCatchUpHour = 17

// Cron returns the cron spec (Vietnam's time) of a province whose sending time is hhmm: at
// that minute of its hour, then of every hour until 17:00, so a sweep a dead worker missed
// is made up the same day (the sweep is idempotent: a catch-up after a sweep decides nothing).
func Cron(hhmm string) string {
	if !validTime(hhmm) {
		hhmm = DefaultSendTime
	}
	h, _ := strconv.Atoi(hhmm[:2])
	m, _ := strconv.Atoi(hhmm[3:])
	hours := strconv.Itoa(h)
	if h < lastCatchUpHour {
		hours += "-" + strconv.Itoa(lastCatchUpHour)
	}
	return fmt.Sprintf("%d %s * * *", m, hours)
}

// schedule lists every active province's sweep at its sending time.
func (s *Service) schedule(ctx context.Context) ([]jobs.Scheduled, error) {
	ctx = tenancy.SystemContext(ctx) // the scheduler reads every province's sending time
	ts, err := s.db.Tenant.Query().Where(tenant.StatusEQ(tenant.StatusActive)).Select(tenant.FieldID).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminder: schedule: provinces: %w", err)
	}
	rows, err := s.db.ProvinceSetting.Query().Where(provincesetting.Key(SettingSendTime)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminder: schedule: sending times: %w", err)
	}
	at := map[int]string{}
	for _, r := range rows {
		at[r.TenantID] = strings.TrimSpace(r.Value)
	}
	out := make([]jobs.Scheduled, 0, len(ts))
	for _, t := range ts {
		p, _ := json.Marshal(SweepPayload{TenantID: t.ID})
		out = append(out, jobs.Scheduled{Type: TypeSweep, Cron: Cron(at[t.ID]), Payload: p})
	}
	return out, nil
}

// runSweep is the scheduled task: it restores the province and sweeps today (Vietnam's date).
func (s *Service) runSweep(ctx context.Context, payload []byte) error {
	var p SweepPayload
	if err := json.Unmarshal(payload, &p); err != nil || p.TenantID <= 0 {
		return fmt.Errorf("reminder: bad sweep payload %q: %w", payload, asynq.SkipRetry)
	}
	ctx, err := jobs.TenantContext(ctx, s.db, p.TenantID)
	if err != nil {
		return err
	}
	_, err = s.Sweep(ctx, calendar.DateAt(s.now()))
	return err
}
