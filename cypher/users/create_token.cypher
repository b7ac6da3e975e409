// Issue an API token to an enabled user: only its hash is stored. The user's write lock is
// taken first, then whether they are enabled is read: a disabling at the same time (which
// revokes their tokens, cypher/users/update_user.cypher) is either seen here or revokes this
// token too (a second reader: one issued while the user was being disabled outlived it, and
// signed in again once they were enabled).
MATCH (u:User {id: $user_id})
SET u._locked = true
REMOVE u._locked
WITH u
WHERE NOT coalesce(u.disabled, false)
CREATE (t:ApiToken {
  id: $id, hash: $hash, label: $label, created_at: datetime(),
  expires_at: datetime() + duration({days: $days}), revoked_at: null
})-[:TOKEN_OF]->(u)
RETURN t {.id, .label, user_id: u.id, created_at: toString(t.created_at),
          expires_at: toString(t.expires_at), revoked_at: null} AS token
