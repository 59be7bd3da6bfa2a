package schematype

// ReportSection is one numbered section of a report template's outline: what units write
// about, with guidance. Key is stable across template versions; No is the printed number.
type ReportSection struct {
	Key      string `json:"key"`
	No       string `json:"no"`
	Title    string `json:"title"`
	Guidance string `json:"guidance,omitempty"`
	Required bool   `json:"required,omitempty"`
	Level    int    `json:"level,omitempty"` // 1 top level (I, II), 2 a sub-section (1, 2)
}

// ReportIndicator is one figure a template asks for.
type ReportIndicator struct {
	Code     string   `json:"code"`
	Label    string   `json:"label"`
	Unit     string   `json:"unit,omitempty"` // measure unit: "buổi", "lượt", "%"
	Type     string   `json:"type"`           // integer, decimal, percent, text
	Required bool     `json:"required,omitempty"`
	Min      *float64 `json:"min,omitempty"`
	Max      *float64 `json:"max,omitempty"`
	Agg      string   `json:"agg"`               // sum, average, count
	Section  string   `json:"section,omitempty"` // the key of the section it belongs to
	Source   string   `json:"source,omitempty"`  // computed by danvan: tasks_total, tasks_done_on_time, …
}

// ReportContent is what a unit wrote: a text per section key and a value per indicator code
// (as entered), and which values danvan computed.
type ReportContent struct {
	Texts    map[string]string `json:"texts,omitempty"`
	Values   map[string]string `json:"values,omitempty"`
	Computed []string          `json:"computed,omitempty"`
}
