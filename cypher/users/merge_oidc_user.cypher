// The user behind an OpenID Connect subject, created on first sign-in; role and team follow
// the identity provider's claims. `changed`: the role or team is new (a flag says whom to ask by
// its author's team, so answers kept from before must not be given again).
MERGE (u:User {oidc_subject: $subject})
ON CREATE SET u.id = $id, u.username = $username, u.display_name = $username,
              u.job_title = null, u.disabled = false, u.created_at = datetime()
WITH u, u.role IS NULL OR u.role <> $role OR coalesce(u.team, '') <> coalesce($team, '')
     AS changed
SET u.role = $role, u.team = $team
RETURN u {.id, .username, .role, .team, .disabled} AS user, changed
