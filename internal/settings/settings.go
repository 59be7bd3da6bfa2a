// Package settings holds the settings a province admin owns: how assignments work, document
// number formats and the letterhead of official documents (Nghị định 30/2020/NĐ-CP).
package settings

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/provincesetting"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
)

// Keys and their defaults.
const (
	AssignmentExclusive = "assignment.exclusive"    // "true": one member in charge of a unit at a time
	DeadlineShift       = "deadline.shift"          // default shift policy for new regimes
	DocNumberFormat     = "doc.number_format"       // e.g. {n}/{type}-{issuer}
	LetterheadParent    = "letterhead.parent"       // cơ quan chủ quản, e.g. UBND TỈNH QUẢNG NGÃI
	LetterheadIssuer    = "letterhead.issuer"       // cơ quan ban hành, e.g. BAN CHỈ ĐẠO ...
	LetterheadPlace     = "letterhead.place"        // địa danh, e.g. Quảng Ngãi
	LetterheadSigner    = "letterhead.signer_title" // e.g. TRƯỞNG BAN
)

// Defaults are the values a province starts with.
var Defaults = map[string]string{
	AssignmentExclusive: "true",
	DeadlineShift:       "previous_working_day",
	DocNumberFormat:     "{n}/{type}-{issuer}",
	LetterheadParent:    "",
	LetterheadIssuer:    "",
	LetterheadPlace:     "",
	LetterheadSigner:    "TRƯỞNG BAN",
}

// Keys lists the settings in display order.
var Keys = []string{AssignmentExclusive, DeadlineShift, DocNumberFormat, LetterheadParent, LetterheadIssuer, LetterheadPlace, LetterheadSigner}

// Service reads and writes the viewer's province's settings.
type Service struct{ db *ent.Client }

// New returns the service.
func New(db *ent.Client) *Service { return &Service{db: db} }

// All returns every setting with defaults filled in.
func (s *Service) All(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range Defaults {
		out[k] = v
	}
	rows, err := s.db.ProvinceSetting.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.Key] = r.Value
	}
	return out, nil
}

// Get returns one setting.
func (s *Service) Get(ctx context.Context, key string) (string, error) {
	all, err := s.All(ctx)
	return all[key], err
}

// Bool returns a boolean setting.
func (s *Service) Bool(ctx context.Context, key string) (bool, error) {
	v, err := s.Get(ctx, key)
	if err != nil {
		return false, err
	}
	b, _ := strconv.ParseBool(v)
	return b, nil
}

func validate(values map[string]string) error {
	f := apperr.Fields{}
	for k, v := range values {
		if _, known := Defaults[k]; !known {
			f.Add(k, "unknown_setting")
			continue
		}
		if utf8.RuneCountInString(v) > 300 {
			f.Add(k, "too_long")
		}
		switch k {
		case AssignmentExclusive:
			if _, err := strconv.ParseBool(v); err != nil {
				f.Add(k, "invalid")
			}
		case DeadlineShift:
			if v != "none" && v != "previous_working_day" && v != "next_working_day" {
				f.Add(k, "invalid")
			}
		case DocNumberFormat:
			if !strings.Contains(v, "{n}") {
				f.Add(k, "number_format")
			}
		}
	}
	return f.Err()
}

// Set stores values (all or none).
func (s *Service) Set(ctx context.Context, values map[string]string) error {
	for k, v := range values {
		values[k] = strings.TrimSpace(v)
	}
	if err := validate(values); err != nil {
		return err
	}
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		for k, v := range values {
			n, err := tx.ProvinceSetting.Update().Where(provincesetting.Key(k)).SetValue(v).Save(ctx)
			if err != nil {
				return err
			}
			if n == 0 {
				if err := tx.ProvinceSetting.Create().SetKey(k).SetValue(v).Exec(ctx); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
