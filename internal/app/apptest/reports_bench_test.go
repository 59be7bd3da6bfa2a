package apptest_test

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// reportsBenchRedisDB is the report benchmarks' Redis database (they run one after the other).
const reportsBenchRedisDB = 23

// reportsFixture is a province made large by seed.Scale: units scale units, one past period of
// its semiannual regime with every one of their reports submitted (9 sections of about 600
// characters, the default template's 20 indicators), four in five accepted.
type reportsFixture struct {
	tenantID int
	slug     string
	periodID int
	units    int
}

func newReportsFixture(b *testing.B, e *apptest.Env, slug string, units int) reportsFixture {
	b.Helper()
	ctx := context.Background()
	tn, err := e.App.Tenants.BySlug(tenancy.SystemContext(ctx), slug)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	res, err := seed.Scale(viewer.NewContext(ctx, viewer.System(tn.ID, tn.Slug)),
		seed.Deps{Regimes: e.App.Regimes, Reports: &seed.Reports{DB: e.App.DB.Client, Service: e.App.Reports}},
		seed.ScaleInput{Units: units, Periods: 1})
	if err != nil {
		b.Fatal(err)
	}
	if len(res.Periods) != 1 || res.Periods[0].Filled != units {
		b.Fatalf("seed scale %s: %+v", slug, res)
	}
	b.Logf("%s: %d units and their reports of %s seeded in %s", slug, units, res.Periods[0].Key, time.Since(start).Round(time.Millisecond))
	return reportsFixture{tenantID: tn.ID, slug: slug, periodID: res.Periods[0].ID, units: units}
}

// heapSampler records the largest heap (bytes of heap objects, live or not yet swept) seen
// every millisecond while it runs: runtime/metrics reads it without stopping the world.
type heapSampler struct {
	stop chan struct{}
	peak chan uint64
}

const heapMetric = "/memory/classes/heap/objects:bytes"

func heapNow() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func startHeapSampler() *heapSampler {
	h := &heapSampler{stop: make(chan struct{}), peak: make(chan uint64, 1)}
	go func() {
		peak := heapNow()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				h.peak <- max(peak, heapNow())
				return
			case <-t.C:
				peak = max(peak, heapNow())
			}
		}
	}()
	return h
}

func (h *heapSampler) Stop() uint64 {
	close(h.stop)
	return <-h.peak
}

// BenchmarkConsolidate times the consolidation of a period, report.Service.Render (read the
// period's submissions, consolidate them, lay out the DOCX, the XLSX annex and the PDF), on
// PostgreSQL for 300 and 3,000 submitted units (newReportsFixture), as the job runs it (a system
// viewer of the province). Each sub-benchmark reports, beside ns/op and B/op,
// peak_heap_MB: the largest heap seen during a render (a 1 ms sampler; the running app's own
// heap included) and render_heap_MB: that peak less the heap after a GC before the render.
// The last sub-benchmark, ratios, prints the growth from 300 to 3,000 units (10 × the units:
// linear is about 10) and the goals (300 units: <= 3 s, <= 150 MB).
func BenchmarkConsolidate(b *testing.B) {
	e := apptest.Start(b, apptest.Options{Mode: "services", RedisDB: reportsBenchRedisDB})
	fxs := []reportsFixture{newReportsFixture(b, e, "thai-nguyen", 300), newReportsFixture(b, e, "nghe-an", 3000)}
	type result struct {
		ns         float64
		peak, over uint64
		docx, pdf  int
	}
	results := map[int]result{}
	for _, fx := range fxs {
		ctx := viewer.NewContext(context.Background(), viewer.System(fx.tenantID, fx.slug))
		b.Run(fmt.Sprintf("units=%d", fx.units), func(b *testing.B) {
			var r result
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				runtime.GC()
				base := heapNow()
				h := startHeapSampler()
				b.StartTimer()
				out, err := e.App.Reports.Render(ctx, fx.periodID, nil)
				b.StopTimer()
				peak := h.Stop()
				if err != nil {
					b.Fatal(err)
				}
				if len(out.DOCX) == 0 || len(out.XLSX) == 0 || len(out.PDF) == 0 {
					b.Fatalf("render: DOCX %d, XLSX %d, PDF %d bytes", len(out.DOCX), len(out.XLSX), len(out.PDF))
				}
				r.peak, r.over = max(r.peak, peak), max(r.over, peak-min(base, peak))
				r.docx, r.pdf = len(out.DOCX), len(out.PDF)
				b.StartTimer()
			}
			r.ns = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(float64(r.peak)/(1<<20), "peak_heap_MB")
			b.ReportMetric(float64(r.over)/(1<<20), "render_heap_MB")
			results[fx.units] = r
		})
	}
	b.Run("ratios", func(b *testing.B) {
		for b.Loop() {
		}
		b.ReportMetric(0, "ns/op")
		var line []string
		for _, fx := range fxs {
			if r, ok := results[fx.units]; ok {
				line = append(line, fmt.Sprintf("%d units: %.2f s (%.2f ms a unit), peak heap %.0f MB (%.0f MB over the app's), DOCX %d KB, PDF %d KB",
					fx.units, r.ns/1e9, r.ns/1e6/float64(fx.units), float64(r.peak)/(1<<20), float64(r.over)/(1<<20), r.docx>>10, r.pdf>>10))
			}
		}
		small, large := results[300], results[3000]
		if small.ns > 0 && large.ns > 0 {
			growth := large.ns / small.ns
			b.ReportMetric(growth, "time_growth_3000/300")
			b.ReportMetric(float64(large.over)/float64(max(small.over, 1)), "heap_growth_3000/300")
			line = append(line, fmt.Sprintf("growth 3000/300: time %.1f×, heap over the app's %.1f× (10× the units; linear ≈ 10)",
				growth, float64(large.over)/float64(max(small.over, 1))))
			line = append(line, fmt.Sprintf("goal for 300 units: <= 3 s (%.2f s), <= 150 MB peak (%.0f MB)", small.ns/1e9, float64(small.peak)/(1<<20)))
		}
		b.Log(strings.Join(line, "; "))
	})
}

// BenchmarkBoard times report.Service.Board for a period of 3,000 expected units (the
// completeness board: counts, by type, by member in charge, every row in Vietnamese order) as a
// request reads it: the province admin in a request scope. Goal: <= 50 ms server time.
func BenchmarkBoard(b *testing.B) {
	e := apptest.Start(b, apptest.Options{Mode: "services", RedisDB: reportsBenchRedisDB})
	fx := newReportsFixture(b, e, "nghe-an", 3000)
	admin := viewer.NewContext(context.Background(), &viewer.Viewer{UserID: 1, TenantID: fx.tenantID, TenantSlug: fx.slug,
		Roles: []string{"province_admin"}})
	b.Run("units=3000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ctx, done := tenancy.RequestScope(admin)
			bd, err := e.App.Reports.Board(ctx, fx.periodID)
			done()
			if err != nil {
				b.Fatal(err)
			}
			if bd.Expected != fx.units || len(bd.Rows) != fx.units || bd.OnTime+bd.Late != fx.units {
				b.Fatalf("board: %+v for %d rows", bd.Counts, len(bd.Rows))
			}
		}
		ms := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / 1e6
		b.ReportMetric(ms, "ms/board")
		b.Logf("board of %d units: %.1f ms (goal <= 50 ms)", fx.units, ms)
	})
}
