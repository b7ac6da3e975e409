// Revoke a token; revoking twice keeps the first time.
MATCH (t:ApiToken {id: $id})-[:TOKEN_OF]->(u:User)
SET t.revoked_at = coalesce(t.revoked_at, datetime())
RETURN t {.id, .label, user_id: u.id, created_at: toString(t.created_at),
          expires_at: toString(t.expires_at), revoked_at: toString(t.revoked_at)} AS token
