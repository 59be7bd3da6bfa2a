// Package web holds the server-rendered app's assets: html/template pages (templates/), the
// stylesheet and icons (static/) and the message catalogs (i18n/). Everything is embedded so the
// binary needs no files beside it.
package web

import "embed"

// FS is the embedded tree: templates/*.html, static/*, i18n/*.json.
//
//go:embed templates static i18n
var FS embed.FS
