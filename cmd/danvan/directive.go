package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/danvan-vn/danvan/internal/intake"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/directive"
)

// stdin is where "-" reads from (a test replaces it).
var stdin io.Reader = os.Stdin

// directiveCmd runs `danvan directive extract FILE [--json]`. It needs no configuration: it reads
// a file and prints what internal/directive finds in it.
func directiveCmd(args []string, out io.Writer) error {
	const use = "usage: danvan directive extract FILE [--json]   (FILE: a .txt file, or - for standard input)"
	if len(args) == 0 || args[0] != "extract" {
		return errors.New(use)
	}
	asJSON := false
	var files []string
	for _, a := range args[1:] {
		switch a {
		case "--json", "-json":
			asJSON = true
		case "-":
			files = append(files, a)
		default:
			if strings.HasPrefix(a, "-") {
				return fmt.Errorf("unknown flag %q; %s", a, use)
			}
			files = append(files, a)
		}
	}
	if len(files) != 1 {
		return errors.New(use)
	}
	text, err := readText(files[0])
	if err != nil {
		return err
	}
	res := directive.Extract(text)
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printDirective(out, res)
	return nil
}

// readText returns the text of a directive file: the one place the CLI turns a file into text.
// Only UTF-8 .txt (or "-", standard input) for now; .docx and .pdf will go through the document
// intake package here.
func readText(path string) (string, error) {
	var b []byte
	var err error
	name := path
	if path == "-" {
		b, err = io.ReadAll(io.LimitReader(stdin, intake.MaxFileBytes+1))
		name = "stdin.txt"
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", fmt.Errorf("read directive text: %w", err)
	}
	// The same reader as the web app's upload: .txt (UTF-8) and .docx; a PDF is refused with
	// the reason (no text layer is read yet).
	text, _, err := intake.Text(name, b)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return text, nil
}

// printDirective writes a readable summary of res.
func printDirective(out io.Writer, res directive.Result) {
	h := res.Document
	doc := strings.TrimSpace(strings.Join(nonEmpty(h.Type, h.NumberSymbol), " "))
	if doc == "" {
		doc = "(no header found)"
	}
	if h.Place != "" || !h.Date.IsZero() {
		doc += ", " + strings.Join(nonEmpty(h.Place, h.Date.String()), ", ")
	}
	fmt.Fprintf(out, "Document: %s\n", doc)
	if h.Summary != "" {
		fmt.Fprintf(out, "Summary:  %s\n", h.Summary)
	}
	if len(res.Addressees) > 0 {
		fmt.Fprintf(out, "To:       %s\n", units(res.Addressees))
	}

	fmt.Fprintf(out, "\nCitations (%d):\n", len(res.Citations))
	for i, c := range res.Citations {
		fields := nonEmpty(strings.TrimSpace(c.Type+" "+c.NumberSymbol), c.Date.String(), c.Issuer)
		fmt.Fprintf(out, "  %d. %s\n", i+1, strings.Join(fields, ", "))
		if c.Title != "" {
			fmt.Fprintf(out, "     về %s\n", c.Title)
		}
	}

	fmt.Fprintf(out, "\nTasks (%d):\n", len(res.Tasks))
	for _, t := range res.Tasks {
		fmt.Fprintf(out, "  %-8s %s\n", t.Number, firstLine(t.Content, 90))
		var notes []string
		switch t.Deadline.Kind {
		case directive.KindNone, "":
		case directive.KindContinuous:
			notes = append(notes, "deadline: continuous ("+t.Deadline.Text+")")
		default:
			d := t.Deadline.Kind
			if !t.Deadline.Date.IsZero() {
				d += " " + t.Deadline.Date.String()
			}
			notes = append(notes, "deadline: "+d+" ("+t.Deadline.Text+")")
		}
		if len(t.Lead) > 0 {
			notes = append(notes, "lead: "+units(t.Lead))
		}
		if len(t.Coordinating) > 0 {
			notes = append(notes, "with: "+units(t.Coordinating))
		}
		if t.RequiresPlan {
			p := "units make their own plan"
			if d, err := calendar.Parse(t.PlanDue); err == nil && t.PlanDue != "" {
				p += " by " + d.String()
			}
			notes = append(notes, p)
		}
		for _, n := range notes {
			fmt.Fprintf(out, "  %-8s   %s\n", "", n)
		}
	}

	fmt.Fprintf(out, "\nReports (%d):\n", len(res.Reports))
	for _, r := range res.Reports {
		line := fmt.Sprintf("  %s (%s)", r.Label, r.Frequency)
		if r.Rule != "" {
			line += ", due " + r.Rule
		}
		if r.Receiver != "" {
			line += ", to " + r.Receiver
		}
		fmt.Fprintln(out, line)
	}
}

func units(us []directive.UnitRef) string {
	var parts []string
	for _, u := range us {
		if u.Group != "" {
			parts = append(parts, u.Text+" ["+u.Group+"]")
		} else {
			parts = append(parts, u.Text)
		}
	}
	return strings.Join(parts, "; ")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// firstLine returns the first line of s, cut to n characters.
func firstLine(s string, n int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
