package textnorm

import (
	"sort"
	"testing"
)

func TestFold(t *testing.T) {
	for _, s := range []string{"quang ngai", "QUẢNG NGÃI", "Quảng Ngãi", "  Quảng   Ngãi "} {
		if got := Fold(s); got != "quang ngai" {
			t.Errorf("Fold(%q) = %q", s, got)
		}
	}
	if got := Fold("Sở Nội vụ – Đắk Lắk"); got != "so noi vu – dak lak" {
		t.Errorf("Fold = %q", got)
	}
}

func TestVietnameseOrder(t *testing.T) {
	names := []string{"Đông Hà", "Yên Bái", "Ân Thi", "An Khê", "Bình Sơn", "Dung Quất", "Ea Súp"}
	c := NewCollator()
	sort.Slice(names, func(i, j int) bool { return Less(c, names[i], names[j]) })
	want := []string{"An Khê", "Ân Thi", "Bình Sơn", "Dung Quất", "Đông Hà", "Ea Súp", "Yên Bái"}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("order = %v, want %v", names, want)
		}
	}
}

// TestSort_Concurrent: Sort reuses collators, one goroutine at a time (go test -race).
func TestSort_Concurrent(t *testing.T) {
	want := []string{"An Khê", "Ân Thi", "Bình Sơn", "Dung Quất", "Đông Hà", "Ea Súp", "Yên Bái"}
	done := make(chan []string)
	for range 8 {
		go func() {
			names := []string{"Đông Hà", "Yên Bái", "Ân Thi", "An Khê", "Bình Sơn", "Dung Quất", "Ea Súp"}
			Sort(names, func(s string) string { return s })
			done <- names
		}()
	}
	for range 8 {
		got := <-done
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("order = %v, want %v", got, want)
			}
		}
	}
	if Compare("Đông Hà", "Dung Quất") <= 0 {
		t.Error("Đ sorts after D")
	}
}

func TestEllipsis(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{{"Báo cáo", 7, "Báo cáo"}, {"Báo cáo quý", 8, "Báo cáo…"}, {"Nhắc hạn", 3, "Nh…"}} {
		if got := Ellipsis(c.in, c.n); got != c.want {
			t.Errorf("Ellipsis(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
