package calendar

import (
	"errors"
	"fmt"
)

// Reason codes carried by *Error. They are stable and double as i18n keys "field.<code>".
const (
	// CodeDateSyntax: the text is not a date in a supported layout (dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd).
	CodeDateSyntax = "date_syntax"
	// CodeDateDay: the day does not exist in that month (31/04, 29/02 of a common year).
	CodeDateDay = "date_day"
	// CodeDateMonth: the month is not 1–12.
	CodeDateMonth = "date_month"
	// CodeDateYear: the year is outside MinYear–MaxYear (Parse) or 1–9999 (Valid).
	CodeDateYear = "date_year"

	// CodeRuleSyntax: the deadline rule is empty or not in the documented syntax.
	CodeRuleSyntax = "rule_syntax"
	// CodeRuleDay: the rule's day is not 1–31, or does not exist in the rule's month (31/4).
	CodeRuleDay = "rule_day"
	// CodeRuleMonth: the rule's month is not 1–12 (or 0 for a relative rule).
	CodeRuleMonth = "rule_month"
	// CodeRuleOffset: the month offset of a relative rule is not 0–12, or is set on an absolute rule.
	CodeRuleOffset = "rule_offset"
	// CodeRuleShift: the shift policy is not one of the ShiftPolicy constants.
	CodeRuleShift = "rule_shift"

	// CodePeriodKind: the period's frequency is unknown, or ad hoc where a periodic one is needed.
	CodePeriodKind = "period_kind"
	// CodePeriodIndex: the period index does not fit the frequency (quarter 1–4, half 1–2, year 1).
	CodePeriodIndex = "period_index"
	// CodePeriodYear: the period's year is not 1–9999.
	CodePeriodYear = "period_year"
	// CodePeriodSyntax: a period key is not in the layout produced by Period.String.
	CodePeriodSyntax = "period_syntax"

	// CodeCalendarWeekend: a weekend day is not a time.Weekday, or every day of the week is off.
	CodeCalendarWeekend = "calendar_weekend"
	// CodeCalendarDate: a holiday or make-up day is not a valid date.
	CodeCalendarDate = "calendar_date"
	// CodeCalendarConflict: the same date is configured both as a holiday and as a make-up day.
	CodeCalendarConflict = "calendar_conflict"
)

// Error is a validation error with a stable reason code. Show it to users through the catalogs as
// "field.<Code>"; Msg is an English detail for logs and developers.
type Error struct {
	Code  string // stable reason code, one of the Code* constants
	Input string // the offending input, as given (may be empty)
	Msg   string // English detail
}

// Error implements error.
func (e *Error) Error() string {
	if e.Input == "" {
		return fmt.Sprintf("calendar: %s: %s", e.Code, e.Msg)
	}
	return fmt.Sprintf("calendar: %s: %s (input %q)", e.Code, e.Msg, e.Input)
}

// Code returns the reason code of err if it is (or wraps) an *Error, and "" otherwise.
func Code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func errorf(code, input, format string, args ...any) *Error {
	return &Error{Code: code, Input: input, Msg: fmt.Sprintf(format, args...)}
}
