// The user behind a token and, when the token may not sign in, why (for the audit trail, not
// for the caller): an unknown token has no user; a revoked or expired token, or the token of a
// disabled user, names the user it belonged to.
OPTIONAL MATCH (t:ApiToken {hash: $hash})-[:TOKEN_OF]->(u:User)
RETURN u {.id, .username, .role, .team} AS user, t.id AS token_id, t.expires_at AS token_expires_at,
       CASE WHEN t IS NULL THEN 'unknown token'
            WHEN t.revoked_at IS NOT NULL THEN 'revoked token'
            // No expiry, or one that is not a date and time (stored by hand), refuses the
            // token: every token the service makes has one (a second reader: this said the
            // opposite).
            WHEN NOT coalesce(t.expires_at > datetime(), false) THEN 'expired token'
            WHEN u.disabled THEN 'disabled user'
       END AS refusal
