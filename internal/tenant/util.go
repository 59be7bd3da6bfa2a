package tenant

import (
	"errors"

	"github.com/danvan-vn/danvan/ent/predicate"
	"github.com/danvan-vn/danvan/ent/privacy"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/account"
)

func userEmail(email string) predicate.User { return user.Email(account.NormalizeEmail(email)) }

func privacyDenied(err error) bool { return errors.Is(err, privacy.Deny) }
