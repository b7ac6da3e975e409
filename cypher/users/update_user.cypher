// Change the given fields of a user; $changes holds only fields the caller sent. Disabling an
// enabled user notes when, and revokes every API token of theirs that could still sign in: a
// token that leaked, or an embed link made with it, does not come back if the user is enabled
// again (they are given new ones).
// `before`: the role, team and enabling as they were, for the trail.
MATCH (u:User {id: $id})
WITH u, coalesce($changes.disabled, false) AND NOT coalesce(u.disabled, false) AS disabling,
     u {.role, .team, disabled: coalesce(u.disabled, false)} AS before
SET u += $changes
SET u.last_disabled_at = CASE WHEN disabling THEN datetime() ELSE u.last_disabled_at END
// A new role or team changes the user's way to every case: an embed link made before stays
// dead even when they come back (a second reader: moved to south and back, a north manager's
// old link opened the map again).
SET u.access_changed_at = CASE WHEN before.role <> u.role
                                    OR coalesce(before.team <> u.team,
                                                (before.team IS NULL) <> (u.team IS NULL))
                               THEN datetime() ELSE u.access_changed_at END
WITH u, disabling, before
CALL (u, disabling) {
  OPTIONAL MATCH (t:ApiToken)-[:TOKEN_OF]->(u)
  WHERE disabling AND t.revoked_at IS NULL AND coalesce(t.expires_at > datetime(), false)
  SET t.revoked_at = datetime()
  RETURN count(t) AS revoked
}
RETURN u {.id, .username, .display_name, .role, .job_title, .team, .disabled,
          created_at: toString(u.created_at),
          last_disabled_at: toString(u.last_disabled_at)} AS user,
       revoked, before
