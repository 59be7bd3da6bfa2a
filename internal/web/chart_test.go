package web

import "testing"

func TestNewStatusChart(t *testing.T) {
	ch := NewStatusChart([]string{"overdue", "open", "continuous", "done_late", "done_on_time"}, []int{1, 0, 3, 0, 4})
	if ch.Total != 8 || len(ch.Segments) != 3 || len(ch.All) != 5 {
		t.Fatalf("chart %+v", ch)
	}
	if s := ch.Segments[1]; s.Status != "continuous" || s.X != 12.5 || s.W != 37.5 || s.Bar != 75 {
		t.Errorf("segment %+v", s)
	}
	if s := ch.All[1]; s.Count != 0 || s.W != 0 || s.Bar != 0 {
		t.Errorf("empty status %+v", s)
	}
	if ch := NewStatusChart([]string{"open"}, nil); ch.Total != 0 || len(ch.Segments) != 0 || len(ch.All) != 1 {
		t.Errorf("no counts: %+v", ch)
	}
}
