// The user behind an OpenID Connect subject, if there is one: read before every sign-in, so that
// the same claims again (most sign-ins) write nothing and take no lock. Run on the leader
// (service.data.users), so that a user disabled through any process is refused at once.
OPTIONAL MATCH (u:User {oidc_subject: $subject})
RETURN u {.id, .username, .role, .team, .disabled,
          last_disabled_at: u.last_disabled_at} AS user
