package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixture is one of internal/directive's own test texts (a Quảng Ngãi-style Công văn).
const fixture = "../../internal/directive/testdata/01-qn-cong-van-2150-2021.txt"

// TestDirectiveExtract_JSON: `danvan directive extract FILE --json` prints one JSON object with
// the five parts, dates as YYYY-MM-DD, empty lists as [], and needs no configuration.
func TestDirectiveExtract_JSON(t *testing.T) {
	var out bytes.Buffer
	// A configuration file that does not exist would stop any command that loads one.
	if err := run([]string{"--config", filepath.Join(t.TempDir(), "absent.env"), "directive", "extract", fixture, "--json"}, &out); err != nil {
		t.Fatal(err)
	}
	var got map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(out.Bytes()))
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decode: %v\n%s", err, out.String())
	}
	if dec.More() {
		t.Error("more than one JSON value printed")
	}
	for _, k := range []string{"document", "citations", "tasks", "addressees", "reports"} {
		if _, ok := got[k]; !ok {
			t.Errorf("no %q in %s", k, out.String())
		}
	}
	var res struct {
		Citations []struct {
			Type         string `json:"type"`
			NumberSymbol string `json:"number_symbol"`
			Date         string `json:"date"`
			Issuer       string `json:"issuer"`
		} `json:"citations"`
		Tasks []struct {
			Number       string          `json:"number"`
			Lead         json.RawMessage `json:"lead"`
			Coordinating json.RawMessage `json:"coordinating"`
			RequiresPlan bool            `json:"requires_plan"`
			PlanDue      string          `json:"plan_due"`
		} `json:"tasks"`
		Reports []struct {
			Frequency, Rule, Receiver string
		} `json:"reports"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Type         string `json:"type"`
		NumberSymbol string `json:"number_symbol"`
		Date         string `json:"date"`
	}
	if err := json.Unmarshal(got["document"], &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Type != "Công văn" || doc.NumberSymbol != "2150/UBND-NC" || doc.Date != "2021-05-12" {
		t.Errorf("document = %+v", doc)
	}
	if len(res.Citations) != 4 || res.Citations[0].NumberSymbol != "176-KH/TU" || res.Citations[0].Date != "2019-03-06" {
		t.Errorf("citations = %+v", res.Citations)
	}
	if len(res.Tasks) != 8 || res.Tasks[0].Number != "1" || !res.Tasks[0].RequiresPlan || res.Tasks[0].PlanDue != "2021-05-30" {
		t.Errorf("tasks = %+v", res.Tasks)
	}
	if string(res.Tasks[1].Lead) != "[]" || string(res.Tasks[1].Coordinating) != "[]" {
		t.Errorf("empty unit lists print as %s and %s, want []", res.Tasks[1].Lead, res.Tasks[1].Coordinating)
	}
	if len(res.Reports) != 2 || res.Reports[0].Rule != "15/6" || res.Reports[1].Rule != "15/11" {
		t.Errorf("reports = %+v", res.Reports)
	}
}

func TestDirectiveExtract_Plain(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"directive", "extract", fixture}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Document: Công văn 2150/UBND-NC, Quảng Ngãi, 12/05/2021",
		"To:       các sở, ban, ngành tỉnh [department]; UBND các huyện, thị xã, thành phố [district]",
		"Citations (4):",
		"  1. Kế hoạch 176-KH/TU, 06/03/2019, Ban Thường vụ Tỉnh ủy",
		"Tasks (8):",
		"units make their own plan by 30/05/2021",
		"lead: Sở Thông tin và Truyền thông",
		"with: Văn phòng UBND tỉnh",
		"deadline: quarter 30/09/2021 (quý III/2021)",
		"Báo cáo 6 tháng đầu năm (semiannual), due 15/6, to Ủy ban nhân dân tỉnh (qua Sở Nội vụ)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestDirectiveExtract_StdinAndErrors(t *testing.T) {
	text, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	stdin = bytes.NewReader(text)
	defer func() { stdin = os.Stdin }()
	var out bytes.Buffer
	if err := run([]string{"directive", "extract", "--json", "-"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"number_symbol": "2150/UBND-NC"`) {
		t.Errorf("stdin output:\n%s", out.String())
	}

	dir := t.TempDir()
	bad := filepath.Join(dir, "latin1.txt")
	if err := os.WriteFile(bad, []byte("K\xe9 ho\xe0ch"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"directive"}, "usage: danvan directive extract"},
		{[]string{"directive", "extract"}, "usage: danvan directive extract"},
		{[]string{"directive", "extract", "a.txt", "b.txt"}, "usage: danvan directive extract"},
		{[]string{"directive", "extract", "--yaml", fixture}, `unknown flag "--yaml"`},
		{[]string{"directive", "extract", "../../internal/intake/testdata/cong-van-libreoffice.pdf"}, "pdf_unsupported"},
		{[]string{"directive", "extract", filepath.Join(dir, "missing.txt")}, "no such file"},
		{[]string{"directive", "extract", bad}, "mismatch"},
	} {
		err := run(c.args, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("run(%q) error = %v, want %q", c.args, err, c.want)
		}
	}
	out.Reset()
	if err := run([]string{"help"}, &out); err != nil || !strings.Contains(out.String(), "danvan directive extract FILE [--json]") {
		t.Errorf("usage does not mention the command: %v\n%s", err, out.String())
	}
}
