// Which of the given people have an active flag (level 1 to 3) or are kept by a current court
// order from contacting the young person, with the flags and orders themselves.
UNWIND $ids AS pid
MATCH (p:Person {id: pid})
// Most people have neither: the cheap test first, the flags and orders only for those who do.
WHERE EXISTS { (p)-[:HAS_FLAG]->() } OR EXISTS { (p)-[:RESTRICTED_BY_ORDER]->() }
WITH p,
     COLLECT {
       MATCH (p)-[:HAS_FLAG]->(f:Flag {status: 'active'})
       OPTIONAL MATCH (u:User {id: f.author_id})
       WITH p, f, u ORDER BY f.level DESC, f.id  // before the map: `f` is the map after RETURN
       RETURN f {.id, .status, person_id: p.id,
                 ask: coalesce(u.display_name, 'the author') + coalesce(', ' + u.job_title, '') +
                      coalesce(', team ' + u.team, ''),
                 content: f {.kind, .level, .source, .details, .raised_on, .review_on,
                             .expires_on}}
     } AS flags,
     COLLECT {
       MATCH (p)-[o:RESTRICTED_BY_ORDER]->(q:Person)
       WHERE o.until IS NULL OR o.until >= $today
       RETURN o {.id, .kind, .terms, .made_on, .until, restricted_id: p.id,
                 protected_id: q.id, protected_is_child: q:YoungPerson} ORDER BY o.id
     } AS orders
WHERE size(flags) > 0 OR size(orders) > 0
RETURN p.id AS person_id, CASE WHEN p:YoungPerson THEN coalesce(p.team, 'unknown') END AS child_team,
       trim(coalesce(p.given_name, '') + ' ' + coalesce(p.family_name, '')) AS name,
       flags, orders
