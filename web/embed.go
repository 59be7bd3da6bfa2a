// Package web holds the server-rendered app's assets: html/template pages (templates/), the
// stylesheet and icons (static/) and the message catalogs (i18n/). Everything is embedded so the
// binary needs no files beside it.
//
// templates/ holds the kernel's pages (layout.html, error.html, api_docs.html) and one folder per
// area (templates/units/units.html, …) with that area's pages and its "_" partials (pieces several
// of its pages call, parsed into every page). i18n/{lang}/ holds the catalogs: common.json for
// words several areas share, one {area}.json per area.
package web

import "embed"

// FS is the embedded tree: templates/**/*.html, static/*, i18n/{lang}/*.json. templates is
// embedded with all: because go:embed otherwise leaves out the "_" partials.
//
//go:embed all:templates static i18n
var FS embed.FS
