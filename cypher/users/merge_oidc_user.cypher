// The user behind an OpenID Connect subject, created on first sign-in; the role follows the
// identity provider's claims, and so does the team when a claim holds it ($team_claimed; if
// not, the team the admin gave the user stays). `changed`: the role or team is new (a flag
// says whom to ask by its author's team, so answers kept from before must not be given again). The user's write
// lock is taken before the comparison, so two sign-ins at once cannot both compare against the
// value one of them is replacing.
// A first sign-in whose username another account holds but for case makes nothing ("J.Smith"
// and "j.smith" would be two people to the audit trail's reader, as create_user.cypher says).
OPTIONAL MATCH (me:User {oidc_subject: $subject})
OPTIONAL MATCH (same:User) WHERE toLower(same.username) = toLower($username)
                             AND same.username <> $username
// A disabled user's role and team are not changed by a refused sign-in (a second reader: a
// disabled coordinator signing in with new claims became a manager of another team, unsaid).
// `created` and `before` (the role and team before): for the audit trail.
WITH me, same WHERE me IS NOT NULL OR same IS NULL
WITH me IS NULL AS created, me {.role, .team} AS before
MERGE (u:User {oidc_subject: $subject})
ON CREATE SET u.id = $id, u.username = $username, u.display_name = $username,
              u.job_title = null, u.disabled = false, u.created_at = datetime()
SET u._locked = true
WITH u, created, before, coalesce(u.disabled, false) AS held,
     CASE WHEN $team_claimed THEN $team ELSE u.team END AS team
WITH u, created, before, held, team,
     NOT held AND (u.role IS NULL OR u.role <> $role OR (u.team IS NULL) <> (team IS NULL)
                   OR coalesce(u.team <> team, false)) AS changed
SET u.role = CASE WHEN held THEN u.role ELSE $role END,
    u.team = CASE WHEN held THEN u.team ELSE team END
SET u.access_changed_at = CASE WHEN changed THEN datetime() ELSE u.access_changed_at END
REMOVE u._locked
RETURN u {.id, .username, .role, .team, .disabled,
          last_disabled_at: u.last_disabled_at} AS user, changed, created, before
