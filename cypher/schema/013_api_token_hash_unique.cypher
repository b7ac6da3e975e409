// API tokens are found by the SHA-256 of the token; the token itself is never stored.
CREATE CONSTRAINT api_token_hash_unique IF NOT EXISTS
FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE
