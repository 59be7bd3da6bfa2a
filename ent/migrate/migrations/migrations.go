// Package migrations embeds danvan's versioned SQL migrations (golang-migrate layout, one folder
// per dialect). Files are generated from the ent schema by `danvan migrate diff NAME` and never
// edited after they land; a test fails when schema and migrations drift apart.
package migrations

import "embed"

// FS holds the postgres and sqlite folders.
//
//go:embed postgres sqlite
var FS embed.FS
