// A user's tokens, newest first, without their hashes.
MATCH (t:ApiToken)-[:TOKEN_OF]->(u:User {id: $user_id})
RETURN t {.id, .label, user_id: u.id, created_at: toString(t.created_at),
          expires_at: toString(t.expires_at), revoked_at: toString(t.revoked_at)} AS token
ORDER BY t.created_at DESC
