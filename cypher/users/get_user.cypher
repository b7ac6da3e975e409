// One user by id.
MATCH (u:User {id: $id})
RETURN u {.id, .username, .display_name, .role, .job_title, .team, .disabled,
          created_at: toString(u.created_at)} AS user
