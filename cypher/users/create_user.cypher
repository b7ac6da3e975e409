// Create a user; fails on the username constraint when the name is taken, and makes nothing
// when it is taken but for case ("J.Smith" and "j.smith" would be two people to the audit
// trail's reader, and one to everyone else).
OPTIONAL MATCH (same:User) WHERE toLower(same.username) = toLower($username)
WITH same WHERE same IS NULL
CREATE (u:User {
  id: $id, username: $username, display_name: $display_name, role: $role,
  job_title: $job_title, team: $team, disabled: false, created_at: datetime()
})
RETURN u {.id, .username, .display_name, .role, .job_title, .team, .disabled,
          created_at: toString(u.created_at),
          last_disabled_at: toString(u.last_disabled_at)} AS user
