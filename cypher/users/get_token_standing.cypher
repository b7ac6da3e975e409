// Whether a user's API token may still sign in: theirs, not revoked and not expired. An embed
// link made with a token lasts no longer than the token does (service/routes/maps.py).
OPTIONAL MATCH (t:ApiToken {id: $id})-[:TOKEN_OF]->(:User {id: $user_id})
RETURN t IS NOT NULL AND t.revoked_at IS NULL AND coalesce(t.expires_at > datetime(), false) AS usable
