// Change the given fields of a user; $changes holds only fields the caller sent.
MATCH (u:User {id: $id})
SET u += $changes
RETURN u {.id, .username, .display_name, .role, .job_title, .team, .disabled,
          created_at: toString(u.created_at)} AS user
