// Package policies embeds danvan's Casbin model, default role grants and the platform ceiling.
package policies

import _ "embed"

// Model is the Casbin model (RBAC with domains).
//
//go:embed model.conf
var Model string

// Roles is the default role → permission grants.
//
//go:embed roles.csv
var Roles string

// Ceiling lists what a province admin may grant beyond the defaults.
//
//go:embed ceiling.csv
var Ceiling string
