// Issue an API token to an enabled user: only its hash is stored.
MATCH (u:User {id: $user_id})
WHERE NOT u.disabled
CREATE (t:ApiToken {
  id: $id, hash: $hash, label: $label, created_at: datetime(),
  expires_at: datetime() + duration({days: $days}), revoked_at: null
})-[:TOKEN_OF]->(u)
RETURN t {.id, .label, user_id: u.id, created_at: toString(t.created_at),
          expires_at: toString(t.expires_at), revoked_at: null} AS token
