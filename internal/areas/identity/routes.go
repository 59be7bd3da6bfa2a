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
	pub.API(httpapi.POST, "/login", h.apiLogin, httpapi.Anyone, httpapi.In[loginRequest](), httpapi.Out[UserJSON](),
		httpapi.Summary("Sign in with e-mail and password: sets the session cookie and answers the user with their provinces"))
	pub.API(httpapi.POST, "/logout", h.apiLogout, httpapi.Anyone,
		httpapi.Summary("Sign out: ends the session of the cookie, if any; 204"))
	pub.API(httpapi.GET, "/invitations/:token", h.apiInvitation, httpapi.Anyone, httpapi.Out[InvitationJSON](),
		httpapi.Summary("An invitation by its link's token: e-mail, role, province, and whether the address already has an account"))
	pub.API(httpapi.POST, "/invitations/:token/accept", h.apiInvitationAccept, httpapi.Anyone, httpapi.In[acceptRequest](),
		httpapi.Out[UserJSON](),
		httpapi.Summary("Accept an invitation and sign in: a new account takes full_name and password; "+
			"an existing account must be signed in as the invited address"))
	acc.API(httpapi.GET, "/me", h.apiMe, permProfileRead, httpapi.Out[UserJSON](),
		httpapi.Summary("The signed-in user and their provinces (a token sees only its own province)"))
	acc.API(httpapi.POST, "/me/password", h.apiPassword, permProfileUpdate, httpapi.In[passwordRequest](),
		httpapi.Summary("Change the viewer's password (current and new, at least 10 characters); 204"))
	acc.API(httpapi.GET, "/me/sessions", h.apiMySessions, permProfileRead, httpapi.Out[SessionsJSON](),
		httpapi.Summary("The viewer's live sessions (current marks the one asking)"))
	acc.API(httpapi.POST, "/me/sessions/revoke-others", h.apiRevokeOthers, permProfileUpdate, httpapi.Out[RevokedJSON](),
		httpapi.Summary("End the viewer's other sessions; answers how many"))
	acc.API(httpapi.GET, "/me/tokens", h.apiMyTokens, permProfileRead, httpapi.Out[TokensJSON](),
		httpapi.Summary("The viewer's personal access tokens (never their secrets)"))
	acc.API(httpapi.POST, "/me/tokens", h.apiTokenCreate, permProfileUpdate, httpapi.In[tokenRequest](), httpapi.Out[TokenJSON](),
		httpapi.Created(), httpapi.Summary("Create a personal access token for one of the viewer's provinces; the secret (token) is shown only here"))
	acc.API(httpapi.DELETE, "/me/tokens/:id", h.apiTokenRevoke, permProfileUpdate,
		httpapi.Summary("Revoke one of the viewer's tokens; 204"))
	p.API(httpapi.GET, "/users", h.apiUsers, permUserRead, httpapi.Out[UsersJSON](),
		httpapi.Summary("The people of the province, with their roles"))
	p.API(httpapi.GET, "/users/:id", h.apiUser, permUserRead, httpapi.Out[MemberJSON](),
		httpapi.Summary("A person of the province, with their roles"))
	p.API(httpapi.GET, "/invitations", h.apiInvitations, permUserRead, httpapi.Out[InvitationsJSON](),
		httpapi.Summary("The province's open invitations"))
	p.API(httpapi.POST, "/invitations", h.apiInvite, permUserInvite, httpapi.In[inviteRequest](), httpapi.Out[InvitationJSON](),
		httpapi.Created(), httpapi.Summary("Invite someone by e-mail to a role (unit roles name a unit_id); the link is shown only here"))
	p.API(httpapi.DELETE, "/invitations/:id", h.apiInvitationRevoke, permUserInvite,
		httpapi.Summary("Revoke an open invitation; 204"))
	p.API(httpapi.PUT, "/memberships/:id", h.apiSetRole, permUserUpdate, httpapi.In[roleRequest](),
		httpapi.Summary("Change a membership's role; 204"))
	p.API(httpapi.POST, "/users/:id/deactivate", h.apiDeactivate, permUserUpdate,
		httpapi.Summary("Deactivate a person in the province: their memberships here, tokens for it and sessions end; 204"))
	p.API(httpapi.POST, "/users/:id/activate", h.apiActivate, permUserUpdate,
		httpapi.Summary("Reactivate a person in the province; 204"))
	p.API(httpapi.POST, "/users/:id/reset-password", h.apiResetPassword, permUserReset, httpapi.Out[ResetPasswordJSON](),
		httpapi.Summary("Reset a person's password to a temporary one, shown only here; they must change it at next sign-in"))
	p.API(httpapi.GET, "/users/:id/sessions", h.apiUserSessions, permSessionRead, httpapi.Out[SessionsJSON](),
		httpapi.Summary("A person's live sessions"))
	p.API(httpapi.POST, "/users/:id/sessions/revoke", h.apiUserSessionsRevoke, permSessionRevoke, httpapi.Out[RevokedJSON](),
		httpapi.Summary("End all of a person's sessions; answers how many"))
}
