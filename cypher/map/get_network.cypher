// What a network map draws besides the family (which `load_family` brings, read alongside this),
// in one record: the young person's connections and trusted adults with their people (with
// what says whether contact has lapsed, and whether the plan holds them back from it, as
// `find_lapsed` and `get_contact_holds` give it); the
// active flags of everyone in the young person's network (a few per case, found from the case
// rather than looked up person by person); who a current court order keeps from the young
// person; the young person's wishes (about each side and about named people); and the ties
// that the family does not hold: trusted-adult ties between people of the
// network, and the family ties of the connections and trusted adults.
// Only the people of this case are returned: a connection or adult recorded only under another
// case, or taken out of this one, is not drawn, and is not of the network its safeguarding
// chains are traced through (a second reader: a connection taken out still cut the mother's
// chain to a flagged person, and was named as a connection on the map's panel).
MATCH (yp:YoungPerson {id: $young_person_id})
CALL (yp) {
  MATCH (yp)-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(p:Person)
  WHERE EXISTS { (p)-[:IN_NETWORK_OF]->(yp) }
  RETURN collect({
    person_id: p.id, connection_id: c.id, stage: c.stage, living: p.living,
    person_name: trim(coalesce(p.given_name, '') + ' ' + coalesce(p.family_name, '')),
    last_contact: COLLECT { MATCH (c)-[:HAD_CONTACT]->(k:Contact) RETURN k.on
                            ORDER BY k.on DESC LIMIT 1 }[0],
    commitment: COLLECT { MATCH (c)-[:COMMITS]->(m:Commitment)
                          WHERE m.since <= $today AND m.until IS NULL
                          RETURN [m.since, m.every_days, m.what]
                          ORDER BY m.every_days LIMIT 1 }[0]
  }) AS connections, collect(p) AS connected
}
CALL (yp) {
  MATCH (a:Person)-[t:TRUSTED_ADULT_OF]->(yp)
  WHERE EXISTS { (a)-[:IN_NETWORK_OF]->(yp) }
  RETURN collect(t {.id, .role, .strength, .stressful, .since, .until, person_id: a.id,
                    living: a.living,
                    person_name: trim(coalesce(a.given_name, '') + ' ' +
                                      coalesce(a.family_name, ''))})
    AS trusted, collect(a) AS adults
}
WITH yp, connections, trusted, connected + adults AS others
UNWIND (CASE WHEN others = [] THEN [null] ELSE others END) AS p
WITH yp, connections, trusted, collect(DISTINCT p) AS others
// The network's members are gone through once, for their flags and their trusted-adult ties
// (each member's ties are read once for both, not once for each).
CALL (yp) {
  MATCH (yp)<-[:IN_NETWORK_OF]-(a:Person)-[r:HAS_FLAG|TRUSTED_ADULT_OF]->(x)
  RETURN collect(CASE WHEN type(r) = 'HAS_FLAG' THEN [a, x] END) AS member_flags,
         collect(CASE WHEN type(r) = 'TRUSTED_ADULT_OF' AND x:Person AND x <> yp THEN r END)
           AS adult_ties
}
CALL (yp, member_flags) {
  // The young person's own flags, and those of the adults of their network (never another
  // young person's: a sibling in care is drawn as a relative, without what their case records).
  CALL (yp, member_flags) {
    MATCH (yp)-[:HAS_FLAG]->(f:Flag {status: 'active'})
    RETURN yp AS p, f
    UNION
    UNWIND member_flags AS held
    WITH held[0] AS p, held[1] AS f
    WHERE NOT p:YoungPerson AND f:Flag AND f.status = 'active'
    RETURN p, f
  }
  OPTIONAL MATCH (u:User {id: f.author_id})
  WITH p, f, u ORDER BY f.level DESC, f.id
  RETURN collect({person_id: p.id, id: f.id, kind: f.kind, level: f.level,
                  ask: coalesce(u.display_name, 'the author') + coalesce(', ' + u.job_title, '') +
                       coalesce(', team ' + u.team, '')}) AS flags
}
// Court orders are few and the young person's ties are grouped by type: read them from the
// young person once rather than looking for one from each person.
WITH yp, connections, trusted, others, flags, adult_ties,
     COLLECT { MATCH (yp)-[o:RESTRICTED_BY_ORDER]-(q:Person)
               WHERE o.until IS NULL OR o.until >= $today RETURN q.id } AS restricted
CALL (yp, others) {
  UNWIND others AS a
  MATCH (a)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF]-(b:Person)
  RETURN collect(DISTINCT r) AS touching
}
WITH yp, connections, trusted, others, flags, adult_ties, restricted, touching,
     [c IN connections | c.person_id] + [t IN trusted | t.person_id] AS pids
RETURN connections, trusted, flags, restricted,
  yp.wish_maternal AS wish_maternal, yp.wish_paternal AS wish_paternal,
  COLLECT { MATCH (yp)-[w:WISH]->(q:Person) RETURN [q.id, w.wish] } AS wishes,
  // Whom the plan holds back from contact (as /lapsed reads it), so that the map marks as
  // lapsed whom /lapsed lists.
  COLLECT {
    // fragment: contact_holds
  } AS holds,
  [p IN others | p {.id, .given_name, .family_name, .known_as, .sex, .living, .birth_date,
                    .death_date}] AS people,
  [r IN touching + [t IN adult_ties WHERE NOT t IN touching] |
     r {.id, .kind, .half, .role, .strength, .stressful, .since, .until,
        type: CASE type(r)
                WHEN 'PARENT_OF' THEN 'parent' WHEN 'PARTNER_OF' THEN 'partner'
                WHEN 'SIBLING_OF' THEN 'sibling' ELSE 'trusted_adult' END,
        from_id: startNode(r).id, to_id: endNode(r).id}] AS ties
