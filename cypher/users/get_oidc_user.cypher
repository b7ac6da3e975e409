// The user behind an OpenID Connect subject, if there is one: read before every sign-in, so that
// the same claims again (most sign-ins) write nothing and take no lock.
OPTIONAL MATCH (u:User {oidc_subject: $subject})
RETURN u {.id, .username, .role, .team, .disabled} AS user
