package notify

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strconv"
	"strings"
	texttemplate "text/template"
)

// KindDigest is the daily digest mail (never a notification of its own).
const KindDigest = "digest"

// Locales the templates exist in; the first is the default.
var Locales = []string{"vi", "en"}

//go:embed templates
var templateFS embed.FS

// templates are one kind's parsed templates in one locale: the text set defines subject,
// title, body (the in-app notification) and text (the mail's plain text); html defines html.
type templates struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

var parsed = mustParse()

func mustParse() map[string]map[string]templates {
	funcs := map[string]any{"inc": func(i int) int { return i + 1 }}
	out := map[string]map[string]templates{}
	for _, loc := range Locales {
		out[loc] = map[string]templates{}
		for _, kind := range append(append([]string{}, Kinds...), KindDigest) {
			base := "templates/" + loc + "/" + kind
			t := texttemplate.Must(texttemplate.New(kind).Funcs(funcs).ParseFS(templateFS, base+".txt"))
			h := htmltemplate.Must(htmltemplate.New(kind).Funcs(funcs).ParseFS(templateFS, base+".html"))
			out[loc][kind] = templates{text: t, html: h}
		}
	}
	return out
}

// words are the vocabulary Vars carry as codes (what, role), per locale.
var words = map[string]map[string]string{
	"vi": {
		"what.report": "báo cáo", "what.task": "nhiệm vụ", "what.obligation": "kế hoạch triển khai",
		"role.officer": "cán bộ phụ trách công tác dân vận của đơn vị", "role.leader": "lãnh đạo đơn vị",
		"role.member": "đồng chí phụ trách đơn vị", "role.agency_head": "thủ trưởng cơ quan thường trực",
	},
	"en": {
		"what.report": "report", "what.task": "task", "what.obligation": "implementation plan",
		"role.officer": "the unit's mass-mobilisation officer", "role.leader": "the unit's leader",
		"role.member": "the committee member in charge of the unit", "role.agency_head": "head of the standing agency",
	},
}

// Locale returns loc when templates exist for it, else the default (vi).
func Locale(loc string) string {
	for _, l := range Locales {
		if l == loc {
			return l
		}
	}
	return Locales[0]
}

// view is what a template sees.
type view struct {
	Title, What, Unit, Due, Role, Note, Actor, Province string
	Name                                                string // the recipient
	Link                                                string // absolute in mail, a path in the app
	Subject                                             string // the mail's subject (HTML <title>)
	Late                                                int    // days past the deadline
	Left                                                int    // days before it
	Items                                               []DigestItem
}

// DigestItem is one notification listed in a digest mail.
type DigestItem struct{ Title, Body, Link string }

func newView(loc string, vars map[string]string) view {
	w := words[loc]
	word := func(prefix, v string) string {
		if s, ok := w[prefix+v]; ok {
			return s
		}
		return v
	}
	v := view{Title: vars["title"], What: word("what.", vars["what"]), Unit: vars["unit"], Due: vars["due"],
		Role: word("role.", vars["role"]), Note: vars["note"], Actor: vars["actor"], Province: vars["province"]}
	if v.What == "" {
		v.What = w["what.report"]
	}
	if d, err := strconv.Atoi(strings.TrimSpace(vars["days"])); err == nil {
		if d > 0 {
			v.Late = d
		} else {
			v.Left = -d
		}
	}
	return v
}

func execText(t *texttemplate.Template, name string, data any) (string, error) {
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return strings.TrimSpace(b.String()), nil
}

// Rendered is a notification as its reader sees it.
type Rendered struct{ Title, Body string }

// Render renders a notification of kind with vars in locale (the in-app title and body).
func Render(kind, locale string, vars map[string]string) (Rendered, error) {
	loc := Locale(locale)
	t, ok := parsed[loc][kind]
	if !ok || kind == KindDigest {
		return Rendered{}, fmt.Errorf("notify: unknown kind %q", kind)
	}
	v := newView(loc, vars)
	title, err := execText(t.text, "title", v)
	if err != nil {
		return Rendered{}, fmt.Errorf("notify: render %s title: %w", kind, err)
	}
	body, err := execText(t.text, "body", v)
	if err != nil {
		return Rendered{}, fmt.Errorf("notify: render %s body: %w", kind, err)
	}
	return Rendered{Title: title, Body: body}, nil
}

// mailParts is a rendered mail.
type mailParts struct{ Subject, Text, HTML string }

func renderMail(kind, loc string, v view) (mailParts, error) {
	t, ok := parsed[loc][kind]
	if !ok {
		return mailParts{}, fmt.Errorf("notify: unknown kind %q", kind)
	}
	var m mailParts
	var err error
	if m.Subject, err = execText(t.text, "subject", v); err != nil {
		return m, fmt.Errorf("notify: render %s subject: %w", kind, err)
	}
	// A subject is one line, whatever the vars held.
	m.Subject = strings.Join(strings.Fields(m.Subject), " ")
	v.Subject = m.Subject
	if m.Text, err = execText(t.text, "text", v); err != nil {
		return m, fmt.Errorf("notify: render %s text: %w", kind, err)
	}
	m.Text += "\n"
	var b bytes.Buffer
	if err := t.html.ExecuteTemplate(&b, "html", v); err != nil {
		return m, fmt.Errorf("notify: render %s html: %w", kind, err)
	}
	m.HTML = b.String()
	return m, nil
}
