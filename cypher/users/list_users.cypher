// Every user, by username.
MATCH (u:User)
RETURN u {.id, .username, .display_name, .role, .job_title, .team, .disabled,
          created_at: toString(u.created_at),
          last_disabled_at: toString(u.last_disabled_at)} AS user
ORDER BY u.username
