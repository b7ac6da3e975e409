// One user by id.
MATCH (u:User {id: $id})
RETURN u {.id, .username, .display_name, .role, .job_title, .team, .disabled,
          created_at: toString(u.created_at),
          last_disabled_at: toString(u.last_disabled_at)} AS user,
       u.oidc_subject IS NOT NULL AS signs_in_through_provider
