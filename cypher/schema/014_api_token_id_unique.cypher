// Tokens are revoked by their id, which is not secret.
CREATE CONSTRAINT api_token_id_unique IF NOT EXISTS
FOR (t:ApiToken) REQUIRE t.id IS UNIQUE
