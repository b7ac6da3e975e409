// The enabled managers of a team: a young person moved to a team none manages is open to no
// one (their workers' allocations aside, until they end).
MATCH (u:User {role: 'manager', team: $team})
WHERE NOT coalesce(u.disabled, false)
RETURN count(u) AS managers
