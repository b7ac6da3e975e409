"""Authentication: API tokens, OpenID Connect, the principal of a request."""
