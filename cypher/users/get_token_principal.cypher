// The user behind a live token: not revoked, not expired, user not disabled.
MATCH (t:ApiToken {hash: $hash})-[:TOKEN_OF]->(u:User)
WHERE t.revoked_at IS NULL AND t.expires_at > datetime() AND NOT u.disabled
RETURN u {.id, .username, .role, .team} AS user
