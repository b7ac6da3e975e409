// Everything a network map draws, in one record: the young person, the given relatives, the
// partners and other parents of the relatives given as anchors (a grandmother's former husband,
// the mother of a half-brother: not relatives, but drawn in any family tree), connections and
// trusted adults; each person's active flags and any current court order keeping them from the
// young person; and every family tie among them.
MATCH (yp:YoungPerson {id: $young_person_id})
CALL (yp) {
  MATCH (yp)-[:HAS_CONNECTION]->(c:Connection)-[:WITH]->(p:Person)
  RETURN collect({
    person_id: p.id, stage: c.stage,
    last_contact: COLLECT { MATCH (c)-[:HAD_CONTACT]->(k:Contact) RETURN k.on
                            ORDER BY k.on DESC LIMIT 1 }[0]
  }) AS connections
}
CALL (yp) {
  MATCH (a:Person)-[t:TRUSTED_ADULT_OF]->(yp)
  RETURN collect(t {.id, .role, .strength, .stressful, .since, .until, person_id: a.id})
    AS trusted
}
CALL (yp) {
  CALL (yp) {
    // Each anchor is found by its id (the index), then its ties are followed.
    MATCH (r:Person) WHERE r.id IN $partner_anchor_ids
    MATCH (r)-[t:PARTNER_OF]-(x:Person)
    WHERE x <> yp AND NOT x.id IN $relative_ids
    RETURN x, r, t, 'partner' AS type
    UNION
    MATCH (r:Person) WHERE r.id IN $parent_anchor_ids
    MATCH (r)<-[t:PARENT_OF]-(x:Person)
    WHERE x <> yp AND NOT x.id IN $relative_ids
    RETURN x, r, t, 'parent' AS type
  }
  RETURN collect({person_id: x.id, anchor_id: r.id, kind: t.kind, type: type}) AS kin
}
WITH yp, connections, trusted, kin,
     [yp.id] + $relative_ids + [k IN kin | k.person_id] + [c IN connections | c.person_id] +
     [t IN trusted | t.person_id] AS ids
UNWIND ids AS id
WITH yp, connections, trusted, kin, collect(DISTINCT id) AS ids
// Only the people of this case: the young person, their network, and the young people among
// the relatives (shown as relatives). The partners and other parents of relatives recorded
// only under another case are not drawn.
WITH yp, connections, trusted, kin,
     [id IN ids WHERE id = yp.id OR id IN $relative_ids
        OR EXISTS { (:Person {id: id})-[:IN_NETWORK_OF]->(yp) }] AS ids
// Court orders are few and the young person's ties are grouped by type: read them from the
// young person once rather than looking for one from each person.
WITH yp, connections, trusted, kin, ids,
     COLLECT { MATCH (yp)-[o:RESTRICTED_BY_ORDER]-(q:Person)
               WHERE o.until IS NULL OR o.until >= $today RETURN q.id } AS restricted_ids
CALL (ids, restricted_ids) {
  MATCH (p:Person) WHERE p.id IN ids
  RETURN collect(p {
    .id, .given_name, .family_name, .known_as, .sex, .living, .birth_date, .death_date,
    // A young person of another case (a sibling in care) is drawn as a relative, without
    // what their own case records about them.
    flags: COLLECT { MATCH (p)-[:HAS_FLAG]->(f:Flag {status: 'active'})
                     WHERE NOT (p:YoungPerson AND p.id <> $young_person_id)
                     OPTIONAL MATCH (u:User {id: f.author_id})
                     RETURN f {.id, .kind, .level,
                               ask: coalesce(u.display_name, 'the author') +
                                    coalesce(', ' + u.job_title, '') +
                                    coalesce(', team ' + u.team, '')}
                     ORDER BY f.level DESC, f.id },
    restricted: p.id IN restricted_ids
  }) AS people
}
CALL (ids) {
  MATCH (a:Person) WHERE a.id IN ids
  MATCH (a)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF]->(b:Person)
  WHERE b.id IN ids AND NOT (type(r) = 'TRUSTED_ADULT_OF' AND b.id = $young_person_id)
  RETURN collect(r {.id, .kind, .half, .role, .strength, .stressful, .since, .until,
                    type: CASE type(r)
                            WHEN 'PARENT_OF' THEN 'parent' WHEN 'PARTNER_OF' THEN 'partner'
                            WHEN 'SIBLING_OF' THEN 'sibling' ELSE 'trusted_adult' END,
                    from_id: a.id, to_id: b.id}) AS ties
}
RETURN people, connections, trusted, kin, ties
