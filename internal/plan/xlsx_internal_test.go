package plan

import (
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/unit"
)

func TestImportColumn(t *testing.T) {
	for h, want := range map[string]string{
		"STT": "number", "TT": "number", "Nội dung nhiệm vụ": "content", "NỘI DUNG": "content", "noi dung": "content",
		"Đơn vị chủ trì": "lead", "Cơ quan chủ trì": "lead", "Đơn vị phối hợp": "coordinating", "Thời hạn (dd/mm/yyyy)": "deadline",
		"Thời gian hoàn thành": "deadline", "Yêu cầu kế hoạch thực hiện (x/có)": "requires_plan", "requires_plan": "requires_plan",
		"Ghi chú": "", "": "",
	} {
		if got := importColumn(h); got != want {
			t.Errorf("importColumn(%q) = %q, want %q", h, got, want)
		}
	}
}

func TestParseDeadline(t *testing.T) {
	for _, tc := range []struct {
		in, kind, due, text, reason string
		day, month                  int
	}{
		{in: "", kind: "none"},
		{in: "30/06/2026", kind: "date", due: "30/06/2026"},
		{in: "5/7/2026", kind: "date", due: "05/07/2026"},
		{in: "Trước ngày 15/11/2026", kind: "date", due: "15/11/2026", text: "Trước ngày 15/11/2026"},
		{in: "46203", kind: "date", due: "30/06/2026"}, // a date cell read raw
		{in: "Thường xuyên", kind: "continuous", text: "Thường xuyên"},
		{in: "thuong xuyen", kind: "continuous", text: "thuong xuyen"},
		{in: "Hằng năm 15/11", kind: "yearly", day: 15, month: 11, text: "Hằng năm 15/11"},
		{in: "trước ngày 15/6 hàng năm", kind: "yearly", day: 15, month: 6, text: "trước ngày 15/6 hàng năm"},
		{in: "Hằng năm 29/2", kind: "yearly", day: 29, month: 2, text: "Hằng năm 29/2"},
		{in: "31/02/2026", reason: "date_day"},
		{in: "15/13/2026", reason: "date_month"},
		{in: "Hằng năm 31/4", reason: "date_day"},
		{in: "Hằng năm", reason: "task_deadline"},
		{in: "Quý III/2026", reason: "task_deadline"},
		{in: "Từ 01/01/2026 đến 30/6/2026", reason: "task_deadline"},
	} {
		var in TaskInput
		reason := parseDeadline(tc.in, &in)
		due := ""
		if in.DueOn != nil {
			due = DayOf(*in.DueOn).String()
		}
		if reason != tc.reason || reason == "" && (in.DeadlineKind != tc.kind || due != tc.due || in.DeadlineText != tc.text ||
			in.DueDay != tc.day || in.DueMonth != tc.month) {
			t.Errorf("parseDeadline(%q) = %q %+v (due %s), want %+v", tc.in, reason, in, due, tc)
		}
	}
}

func TestSplitUnitNames(t *testing.T) {
	got := splitUnitNames("- Sở Nội vụ;\n+ Sở Văn hóa, Thể thao và Du lịch.\r\n;  UBND các xã, phường ")
	want := []string{"Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch", "UBND các xã, phường"}
	if len(got) != len(want) {
		t.Fatalf("split %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("split %q, want %q", got, want)
		}
	}
}

func TestUnitIndex_Resolve(t *testing.T) {
	node := func(id int, name, short string, typ unitversion.Type) unit.Node {
		return unit.Node{Unit: &ent.Unit{ID: id}, Version: &ent.UnitVersion{UnitID: id, Name: name, ShortName: short, Type: typ}}
	}
	idx := unit.NewMatcher([]unit.Node{
		node(1, "Sở Nội vụ tỉnh Nghệ An", "SNV", "department"), node(2, "Sở Tư pháp", "", "department"),
		node(3, "UBND xã Hưng Nguyên", "", "commune"), node(4, "UBND xã Hưng Nguyên Nam", "", "commune"),
		node(5, "Ủy ban MTTQ Việt Nam tỉnh Nghệ An", "", "front"),
	})
	for _, tc := range []struct {
		name, reason string
		ids          []int
	}{
		{"Sở Nội vụ", "", []int{1}}, {"so noi vu tinh nghe an", "", []int{1}}, {"SNV", "", []int{1}}, {"Giám đốc Sở Tư pháp", "", []int{2}},
		{"Ủy ban nhân dân xã Hưng Nguyên", "", []int{3}}, {"UBND xã Hưng Nguyên Nam", "", []int{4}},
		{"Các sở, ban, ngành", "", []int{1, 2}}, {"UBND các xã, phường", "", []int{3, 4}}, {"UBND các huyện, thành phố", "task_unit_group_empty", nil},
		{"UBMTTQ Việt Nam tỉnh", "", []int{5}}, {"Sở Xây dựng", "task_unit_unknown", nil}, {"UBND xã", "task_unit_ambiguous", nil},
	} {
		ids, reason := idx.Resolve(tc.name)
		if reason != tc.reason || len(ids) != len(tc.ids) {
			t.Errorf("resolve(%q) = %v %q, want %v %q", tc.name, ids, reason, tc.ids, tc.reason)
			continue
		}
		for i := range ids {
			if ids[i] != tc.ids[i] {
				t.Errorf("resolve(%q) = %v, want %v", tc.name, ids, tc.ids)
			}
		}
	}
}
