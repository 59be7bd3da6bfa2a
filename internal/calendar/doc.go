// Package calendar is danvan's pure, deterministic date arithmetic for reporting regimes: civil
// dates in Vietnam, a working-day calendar (weekends, public holidays, make-up working days),
// reporting periods (quarter, half-year, year) with their data cut-off windows under Nghị định
// 09/2019/NĐ-CP, and deadline rules such as Quảng Ngãi's "báo cáo 06 tháng đầu năm gửi trước ngày
// 15/6, báo cáo năm gửi trước ngày 15/11".
//
// Everything here is configuration-driven: holidays, make-up days and deadline rules are per-tenant
// data that a province edits; the functions only compute. There is no database and no I/O, and one
// reading of the clock, Today; everything else takes "now" from its caller (DateAt). Civil dates
// are interpreted in Asia/Ho_Chi_Minh (UTC+7).
//
// Date is danvan's one date type and Parse its one parser of typed dates; services convert to
// time.Time only where they store a date (Date.UTC).
//
// Validation errors are *Error values carrying a stable reason Code ("rule_syntax", "date_day",
// ...) meant to be shown through the i18n catalogs as "field.<code>".
package calendar
