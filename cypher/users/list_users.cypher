// Every user, by username.
MATCH (u:User)
RETURN u {.id, .username, .display_name, .role, .job_title, .team, .disabled,
          created_at: toString(u.created_at)} AS user
ORDER BY u.username
