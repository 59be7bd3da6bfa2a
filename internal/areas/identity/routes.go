package identity

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permProfileRead   = authz.Permission{Object: "profile", Action: "read"}
	permProfileUpdate = authz.Permission{Object: "profile", Action: "update"}
	permSessionRead   = authz.Permission{Object: "session", Action: "read"}
	permSessionRevoke = authz.Permission{Object: "session", Action: "revoke"}
	permUserInvite    = authz.Permission{Object: "user", Action: "invite"}
	permUserRead      = authz.Permission{Object: "user", Action: "read"}
	permUserReset     = authz.Permission{Object: "user", Action: "reset_password"}
	permUserUpdate    = authz.Permission{Object: "user", Action: "update"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("identity")
	for name, key := range map[string]string{"token": "tokens.created", "password": "password.changed",
		"sessions": "sessions.revoked", "invited": "users.invited", "role": "users.role_changed",
		"deactivated": "users.deactivated", "activated": "users.activated",
		"invitation_revoked": "invitation.revoked", "token_revoked": "tokens.revoked"} {
		r.Flash(name, key)
	}
	r.Nav(httpapi.NavItem{Section: httpapi.NavAdmin, Label: "nav.users", Path: "/users", Perm: permUserRead, Order: 10})
	r.Templates("login", "profile", "users", "user_sessions", "invite")
	pub := r.Public()
	acc := r.Account()
	p := r.Province()
	pub.Page(httpapi.GET, "/", h.index, httpapi.Anyone)
	pub.Page(httpapi.GET, "/login", h.loginPage, httpapi.Anyone)
	pub.Page(httpapi.POST, "/login", h.loginSubmit, httpapi.Anyone)
	pub.Page(httpapi.POST, "/logout", h.logout, httpapi.Anyone)
	pub.Page(httpapi.GET, "/invite/:token", h.invitePage, httpapi.Anyone)
	pub.Page(httpapi.POST, "/invite/:token", h.inviteSubmit, httpapi.Anyone)
	acc.Page(httpapi.GET, "/profile", h.profilePage, permProfileRead)
	acc.Page(httpapi.POST, "/profile/password", h.profilePassword, permProfileUpdate)
	acc.Page(httpapi.POST, "/profile/sessions/revoke-others", h.profileRevokeOthers, permProfileUpdate)
	acc.Page(httpapi.POST, "/profile/tokens", h.profileTokenCreate, permProfileUpdate)
	acc.Page(httpapi.POST, "/profile/tokens/:id/revoke", h.profileTokenRevoke, permProfileUpdate)
	p.Page(httpapi.GET, "/users", h.usersPage, permUserRead)
	p.Page(httpapi.POST, "/invitations", h.usersInvite, permUserInvite)
	p.Page(httpapi.POST, "/invitations/:id/revoke", h.usersInvitationRevoke, permUserInvite)
	p.Page(httpapi.POST, "/memberships/:id/role", h.usersSetRole, permUserUpdate)
	p.Page(httpapi.POST, "/users/:id/deactivate", h.usersDeactivate, permUserUpdate)
	p.Page(httpapi.POST, "/users/:id/activate", h.usersActivate, permUserUpdate)
	p.Page(httpapi.POST, "/users/:id/reset-password", h.usersResetPassword, permUserReset)
	p.Page(httpapi.GET, "/users/:id/sessions", h.userSessionsPage, permSessionRead)
	p.Page(httpapi.POST, "/users/:id/sessions/revoke", h.userSessionsRevoke, permSessionRevoke)
	pub.API(httpapi.POST, "/login", h.apiLogin, httpapi.Anyone)
	pub.API(httpapi.POST, "/logout", h.apiLogout, httpapi.Anyone)
	pub.API(httpapi.GET, "/invitations/:token", h.apiInvitation, httpapi.Anyone)
	pub.API(httpapi.POST, "/invitations/:token/accept", h.apiInvitationAccept, httpapi.Anyone)
	acc.API(httpapi.GET, "/me", h.apiMe, permProfileRead)
	acc.API(httpapi.POST, "/me/password", h.apiPassword, permProfileUpdate)
	acc.API(httpapi.GET, "/me/sessions", h.apiMySessions, permProfileRead)
	acc.API(httpapi.POST, "/me/sessions/revoke-others", h.apiRevokeOthers, permProfileUpdate)
	acc.API(httpapi.GET, "/me/tokens", h.apiMyTokens, permProfileRead)
	acc.API(httpapi.POST, "/me/tokens", h.apiTokenCreate, permProfileUpdate)
	acc.API(httpapi.DELETE, "/me/tokens/:id", h.apiTokenRevoke, permProfileUpdate)
	p.API(httpapi.GET, "/users", h.apiUsers, permUserRead)
	p.API(httpapi.GET, "/users/:id", h.apiUser, permUserRead)
	p.API(httpapi.GET, "/invitations", h.apiInvitations, permUserRead)
	p.API(httpapi.POST, "/invitations", h.apiInvite, permUserInvite)
	p.API(httpapi.DELETE, "/invitations/:id", h.apiInvitationRevoke, permUserInvite)
	p.API(httpapi.PUT, "/memberships/:id", h.apiSetRole, permUserUpdate)
	p.API(httpapi.POST, "/users/:id/deactivate", h.apiDeactivate, permUserUpdate)
	p.API(httpapi.POST, "/users/:id/activate", h.apiActivate, permUserUpdate)
	p.API(httpapi.POST, "/users/:id/reset-password", h.apiResetPassword, permUserReset)
	p.API(httpapi.GET, "/users/:id/sessions", h.apiUserSessions, permSessionRead)
	p.API(httpapi.POST, "/users/:id/sessions/revoke", h.apiUserSessionsRevoke, permSessionRevoke)
}
