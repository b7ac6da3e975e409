// The user behind an OpenID Connect subject, created on first sign-in; role and team follow
// the identity provider's claims.
MERGE (u:User {oidc_subject: $subject})
ON CREATE SET u.id = $id, u.username = $username, u.display_name = $username,
              u.job_title = null, u.disabled = false, u.created_at = datetime()
SET u.role = $role, u.team = $team
RETURN u {.id, .username, .role, .team, .disabled} AS user
