package web

import (
	"bytes"
	"fmt"
	"github.com/danvan-vn/danvan/internal/calendar"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh must resolve on an image without /usr/share/zoneinfo
)

// ContentType is the Content-Type of what Render writes.
const ContentType = "text/html; charset=utf-8"

// layoutFile (templates/layout.html) wraps every page; each other .html file under templates/,
// at the top (the kernel's pages) or in an area's folder (templates/identity/login.html), is a
// page named after its file (login.html → "login") and defines "content". Files starting with "_"
// (templates/units/_units.html) are partials parsed into every page.
const layoutFile = "layout.html"

// problemCodes are the generic problem codes; each has error.{code} and error.heading.{code}.
// A specific code (slug_taken, bad_credentials, quota_units, …) may have its own error.{code}
// message; its heading, and the message of a code without one, come from the generic code.
var problemCodes = []string{"not_found", "forbidden", "unauthorized", "invalid", "conflict",
	"quota_exceeded", "internal", "csrf", "too_large", "timeout"}

// statusCodes maps an HTTP status to the generic code shown for an unknown problem code.
var statusCodes = map[int]string{
	400: "invalid", 401: "unauthorized", 403: "forbidden", 404: "not_found", 408: "timeout",
	409: "conflict", 413: "too_large", 422: "invalid", 503: "timeout", 504: "timeout",
}

// vnZone is where dates are shown. tzdata is embedded, so the fixed zone is only a last resort;
// Vietnam has had no daylight saving since 1975, so +07:00 is exact for every date we show.
var vnZone = calendar.Location()

// Renderer executes the page templates. The templates are parsed once by NewRenderer; Render is
// safe for concurrent use.
type Renderer struct {
	pages map[string]*template.Template
	i18n  *I18n
}

// NewRenderer parses templates/layout.html and the partials with each page file of fsys (the
// web.FS tree) and fails when the layout is missing, a template does not parse or two page files
// share a name.
func NewRenderer(fsys fs.FS, i *I18n) (*Renderer, error) {
	if i == nil {
		return nil, fmt.Errorf("new renderer: nil I18n")
	}
	var files []string
	err := fs.WalkDir(fsys, "templates", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("new renderer: %w", err)
	}
	var partials, pageFiles []string
	hasLayout := false
	for _, f := range files {
		switch base := path.Base(f); {
		case f == "templates/"+layoutFile:
			hasLayout = true
		case base == layoutFile:
			return nil, fmt.Errorf("new renderer: %s: the layout lives at templates/%s only", f, layoutFile)
		case strings.HasPrefix(base, "_"):
			partials = append(partials, f)
		default:
			pageFiles = append(pageFiles, f)
		}
	}
	if !hasLayout {
		return nil, fmt.Errorf("new renderer: templates/%s not found", layoutFile)
	}
	r := &Renderer{pages: map[string]*template.Template{}, i18n: i}
	funcs := r.funcs()
	for _, f := range pageFiles {
		name := strings.TrimSuffix(path.Base(f), ".html")
		patterns := append([]string{"templates/" + layoutFile}, partials...)
		t, err := template.New(layoutFile).Funcs(funcs).ParseFS(fsys, append(patterns, f)...)
		if err != nil {
			return nil, fmt.Errorf("new renderer: page %s: %w", name, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("new renderer: page %s: no {{define \"content\"}}", name)
		}
		if r.pages[name] != nil {
			return nil, fmt.Errorf("new renderer: two page templates named %s", name)
		}
		r.pages[name] = t
	}
	return r, nil
}

// Render writes page (login, tenants, home, error, …) with data, a view model that embeds Page.
// The page is executed into a buffer first, so a template error writes nothing and the caller
// can still send an error page.
func (r *Renderer) Render(w io.Writer, page string, data any) error {
	t, ok := r.pages[page]
	if !ok {
		return fmt.Errorf("render %s: no such page", page)
	}
	if _, ok := data.(interface{ Base() Page }); !ok {
		return fmt.Errorf("render %s: view model %T does not embed web.Page", page, data)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("render %s: write: %w", page, err)
	}
	return nil
}

// Has says whether page exists ("layout" always does).
func (r *Renderer) Has(page string) bool { return page == "layout" || r.pages[page] != nil }

// Pages returns the names of the pages Render knows, sorted.
func (r *Renderer) Pages() []string {
	names := make([]string, 0, len(r.pages))
	for n := range r.pages {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// funcs are the template functions. Every function that shows text takes the language first,
// so a template reads {{t .Lang "nav.logout"}} or, inside a range, {{t $.Lang "..."}}.
func (r *Renderer) funcs() template.FuncMap {
	i := r.i18n
	// translate looks up prefix+value and shows the raw value when there is no message, so a new
	// enum value degrades to its code instead of a key.
	translate := func(lang, prefix, value string) string {
		if !i.Has(DefaultLang, prefix+value) {
			return value
		}
		return i.T(lang, prefix+value)
	}
	return template.FuncMap{
		"t": i.T,
		// htmllang is the lang attribute: the page's language when supported, else vi.
		"htmllang": func(lang string) string {
			if slices.Contains(Langs(), lang) {
				return lang
			}
			return DefaultLang
		},
		// lastday is the last day a half-open range [from, to) covers: officials read "đến hết" it.
		"lastday":  func(t time.Time) time.Time { return t.AddDate(0, 0, -1) },
		"date":     func(t time.Time) string { return formatTime(t, "02/01/2006") },
		"datetime": func(t time.Time) string { return formatTime(t, "02/01/2006 15:04") },
		// isodate is for <time datetime>.
		"isodate": func(t time.Time) string { return formatTime(t, time.RFC3339) },
		"num":     i.Number,
		"role":    func(lang, role string) string { return translate(lang, "role.", role) },
		"tenantstatus": func(lang, status string) string {
			return translate(lang, "tenant.status.", status)
		},
		"jobstatus": func(lang, status string) string { return translate(lang, "job.status.", status) },
		"jobtype":   func(lang, typ string) string { return translate(lang, "job.type.", typ) },
		// errmsg and errheading are the error page's message and heading for a problem code
		// and HTTP status (see problemCodes).
		"errmsg": func(lang, code string, status int) string {
			if i.Has(DefaultLang, "error."+code) {
				return i.T(lang, "error."+code)
			}
			return i.T(lang, "error."+genericCode(code, status))
		},
		"errheading": func(lang, code string, status int) string {
			if i.Has(DefaultLang, "error.heading."+code) {
				return i.T(lang, "error.heading."+code)
			}
			return i.T(lang, "error.heading."+genericCode(code, status))
		},
		"langurl": LangURL,
		// field returns the error message key for one form field, "" when it has none.
		"field": func(errs map[string]string, name string) string { return errs[name] },
		// perm names a permission: perm.{object}.{action}, else "object:action".
		"perm": func(lang, object, action string) string {
			if k := "perm." + object + "." + action; i.Has(DefaultLang, k) {
				return i.T(lang, k)
			}
			return object + ":" + action
		},
		"uashort":   ShortUserAgent,
		"withquery": WithQuery,
		"add":       func(a, b int) int { return a + b },
		"hasprefix": strings.HasPrefix,
		// tr shows an enum value through its catalog family: {{tr .Lang "unit.type." .Type}}; a
		// value without a message is shown as it is.
		"tr": translate,
		// fieldmsg is the message of a field problem given as "field.<reason>" or "<reason>";
		// an unknown reason shows the generic field.invalid.
		"fieldmsg": func(lang, reason string) string {
			k := reason
			if !strings.HasPrefix(k, "field.") {
				k = "field." + k
			}
			if !i.Has(DefaultLang, k) {
				k = "field.invalid"
			}
			return i.T(lang, k)
		},
		// weekday names the day of the week of t in Vietnam (weekday.0 is Sunday).
		"weekday": func(lang string, t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return i.T(lang, fmt.Sprintf("weekday.%d", t.In(vnZone).Weekday()))
		},
		"bytes": func(lang string, n int64) string { return FormatBytes(lang, n) },
		"quota": Quota,
		// dict builds the argument of a template called with several values:
		// {{template "unit-node" dict "Node" . "Lang" $.Lang}}.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for n := 0; n < len(kv); n += 2 {
				k, ok := kv[n].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[n])
				}
				m[k] = kv[n+1]
			}
			return m, nil
		},
		// has reports whether list holds v (a checked checkbox, a selected option).
		"has": func(list []string, v string) bool { return slices.Contains(list, v) },
		// hasid reports whether units holds the unit id.
		"hasid": func(units []UnitOption, id int) bool {
			return slices.ContainsFunc(units, func(u UnitOption) bool { return u.ID == id })
		},
	}
}

// QuotaVM is one plan limit as the usage bars show it: Low and High are the meter's thresholds
// (70 % and 90 % of Max), Percent is rounded down and capped at 100.
type QuotaVM struct {
	Used, Max, Low, High int64
	Percent              int
	Unlimited, Full      bool
}

// Quota describes used out of max; a max of 0 (or less) is unlimited. used and max are any
// integer type (the usage view model mixes int and int64).
func Quota(used, max any) QuotaVM {
	u, m := toInt64(used), toInt64(max)
	if m <= 0 {
		return QuotaVM{Used: u, Unlimited: true}
	}
	q := QuotaVM{Used: u, Max: m, Low: m * 7 / 10, High: m * 9 / 10, Full: u >= m}
	q.Percent = int(min(u*100/m, 100))
	return q
}

func toInt64(v any) int64 {
	switch n := v.(type) {
	case int:
		return int64(n)
	case int32:
		return int64(n)
	case int64:
		return n
	case uint:
		return int64(n)
	case uint32:
		return int64(n)
	case uint64:
		return int64(n)
	}
	return 0
}

// FormatBytes shows a size in KB below 1 MB, in MB below 1 GB and in GB above, one decimal
// where it matters, with the language's decimal mark: "1,5 GB" in Vietnamese, "1.5 GB" in
// English. Units are binary (1 MB = 1,048,576 bytes), as file managers show them. A file of
// 30 KB reads "30 KB", not "0 MB".
func FormatBytes(lang string, n int64) string {
	const kb, mb, gb = 1 << 10, 1 << 20, 1 << 30
	var v float64
	unit := "MB"
	switch {
	case n >= gb:
		v, unit = float64(n)/gb, "GB"
	case n >= mb:
		v = float64(n) / mb
	default:
		v, unit = float64(n)/kb, "KB"
	}
	s := strconvFloat(v)
	if lang == "vi" || !slices.Contains(Langs(), lang) {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + unit
}

// strconvFloat keeps one decimal below 10 (0.4, 2.5) and none above (350); a zero decimal is
// dropped (1 rather than 1.0).
func strconvFloat(v float64) string {
	if v >= 10 {
		return fmt.Sprintf("%.0f", v)
	}
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}

// WithQuery is a query string for links that keep a page's filters: q (an encoded query, e.g.
// "action=login&from=01%2F07%2F2025") with each key, value pair of kv set, re-encoded. The
// result only holds url.Values.Encode output, so it is safe as template.URL after a "?"; a q
// that does not parse keeps the pairs only.
func WithQuery(q string, kv ...any) template.URL {
	v, err := url.ParseQuery(q)
	if err != nil {
		v = url.Values{}
	}
	for n := 0; n+1 < len(kv); n += 2 {
		v.Set(fmt.Sprint(kv[n]), fmt.Sprint(kv[n+1]))
	}
	return template.URL(v.Encode())
}

// uaBrowsers and uaSystems are checked in order: Edge and Opera also say Chrome, Chrome also says
// Safari, Android also says Linux, an iPhone also says Mac OS X.
var (
	uaBrowsers = []struct{ token, name string }{
		{"Edg/", "Edge"}, {"EdgiOS/", "Edge"}, {"OPR/", "Opera"}, {"CocCoc/", "Cốc Cốc"},
		{"Firefox/", "Firefox"}, {"FxiOS/", "Firefox"}, {"CriOS/", "Chrome"}, {"Chrome/", "Chrome"},
		{"Version/", "Safari"}, {"curl/", "curl"}, {"Go-http-client/", "Go"}, {"python-requests/", "Python"},
	}
	uaSystems = []struct{ token, name string }{
		{"Windows", "Windows"}, {"iPhone", "iOS"}, {"iPad", "iPadOS"}, {"Android", "Android"},
		{"CrOS", "ChromeOS"}, {"Mac OS X", "macOS"}, {"Linux", "Linux"},
	}
)

// ShortUserAgent names a User-Agent briefly, e.g. "Chrome 126 · Windows"; one it does not
// recognise is cut to 40 characters.
func ShortUserAgent(ua string) string {
	ua = strings.TrimSpace(ua)
	var parts []string
	for _, b := range uaBrowsers {
		if at := strings.Index(ua, b.token); at >= 0 {
			ver := ua[at+len(b.token):]
			if end := strings.IndexFunc(ver, func(r rune) bool { return r < '0' || r > '9' }); end >= 0 {
				ver = ver[:end]
			}
			if ver != "" {
				parts = append(parts, b.name+" "+ver)
			} else {
				parts = append(parts, b.name)
			}
			break
		}
	}
	for _, s := range uaSystems {
		if strings.Contains(ua, s.token) {
			parts = append(parts, s.name)
			break
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, " · ")
	}
	if r := []rune(ua); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return ua
}

// genericCode is the generic problem code for code: itself when generic, quota_exceeded for
// the quota_* family, else the one for the HTTP status, else internal.
func genericCode(code string, status int) string {
	switch {
	case slices.Contains(problemCodes, code):
		return code
	case strings.HasPrefix(code, "quota_"):
		return "quota_exceeded"
	case statusCodes[status] != "":
		return statusCodes[status]
	}
	return "internal"
}

func formatTime(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vnZone).Format(layout)
}

// LangURL is the link of the language switch: the current path with ?lang=lang. A path that is
// not a plain local path (empty, protocol-relative "//host", a backslash) becomes "/", so the
// switch never points off-site.
func LangURL(p, lang string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\?#") {
		p = "/"
	}
	return p + "?lang=" + lang
}
