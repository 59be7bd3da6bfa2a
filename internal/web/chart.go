package web

// ChartSegment is one status of a StatusChart: its count, its place in the stacked bar (X and
// W in the SVG's 0–100 box) and, for a chart of one bar per status, its bar's length (Bar, 0–100
// of the largest count).
type ChartSegment struct {
	Status string
	Count  int
	X, W   float64
	Bar    float64
}

// StatusChart is counts per status drawn by the server as SVG (the CSP allows no script and no
// inline style, so the geometry is computed here and written as SVG attributes; colours come
// from the classes seg-<status>). Segments holds the statuses with a count, in the order given,
// for a stacked bar; All holds every status, zeros included, for a legend or a bar per status.
type StatusChart struct {
	Total    int
	Segments []ChartSegment
	All      []ChartSegment
}

// NewStatusChart lays out counts[i] of statuses[i] (the two lists have the same length; a
// missing count is zero).
func NewStatusChart(statuses []string, counts []int) StatusChart {
	var ch StatusChart
	largest := 0
	for i := range statuses {
		if i < len(counts) && counts[i] > 0 {
			ch.Total += counts[i]
			largest = max(largest, counts[i])
		}
	}
	x := 0.0
	for i, s := range statuses {
		n := 0
		if i < len(counts) && counts[i] > 0 {
			n = counts[i]
		}
		seg := ChartSegment{Status: s, Count: n}
		if n > 0 {
			seg.X, seg.W = x, 100*float64(n)/float64(ch.Total)
			seg.Bar = 100 * float64(n) / float64(largest)
			x += seg.W
			ch.Segments = append(ch.Segments, seg)
		}
		ch.All = append(ch.All, seg)
	}
	return ch
}

// TaskProgressVM is the province home's card of tasks by status: the lead assignments of the
// year's issued plans (of the viewer's units when Mine), each status linking to the plans.
type TaskProgressVM struct {
	Year  int
	Mine  bool
	Chart StatusChart
}
