// A person's family within $max_generations, as one record, for `service.family` to work on in
// memory: Cypher finds the people and ties, Python decides who is what to whom.
// The core: the person's ancestors up to $max_generations by birth, adoptive or step links (a
// parent's or ancestor's current partner counting as a step-parent), every descendant of them (and of the
// person) within $max_generations, and the descendants of anyone a sibling tie (parents
// unknown) joins to them. Around the core: every parent of a core person
// (the other parent of a half-sibling), every partner, and the birth and adopted children of
// the partners of the person's parents (step-siblings) and of the person's own current partner;
// and of those partners and step-siblings, their
// partners and parents. Foster links are loaded where they join two of these
// people but are never followed: foster carers are trusted adults, not family.
// For each person their first external id, when asked for ($external_ids: a relatives list shows
// them, a map does not; never a young person's of another case). `Family.from_record` keeps
// only those who belong to the cases the read is made through ($within, young people's ids:
// themselves or a member of their network), and the ties between two of them, from `network`,
// those cases' members: read once from each case, not once from each person (about 1 ms of a
// family of 400). Access follows the case: nobody is found or placed through anyone else.
// The 6 in the patterns is the largest $max_generations the API accepts.
MATCH (s:Person {id: $person_id})
CALL (s) {
  CALL (s) {
    MATCH up = (s)<-[:PARENT_OF*0..6]-(a:Person)
    WHERE length(up) <= $max_generations
      AND all(l IN relationships(up) WHERE l.kind IN ['birth', 'adoptive', 'step'])
    RETURN a
    UNION
    // A current partner of a birth or adoptive parent, or of such an ancestor, is a step-parent
    // as a step link makes one (`service.family.step_parents_by_partnership`): their line up
    // as well (and their descendants, below, as any ancestor's: a grandmother's husband's son).
    // (`line` ends with the partnership: the partner stands at the ancestor's generation.)
    MATCH line = (s)<-[:PARENT_OF*1..6]-(:Person)-[t:PARTNER_OF]-(q:Person)
    WHERE length(line) - 1 <= $max_generations
      AND all(l IN relationships(line)[..-1] WHERE l.kind IN ['birth', 'adoptive'])
      AND t.until IS NULL AND t.kind IN ['married', 'civil_partnership', 'cohabiting', 'unknown']
    MATCH up = (q)<-[:PARENT_OF*0..5]-(a:Person)
    WHERE length(line) - 1 + length(up) <= $max_generations
      AND all(l IN relationships(up) WHERE l.kind IN ['birth', 'adoptive', 'step'])
    RETURN a
  }
  WITH DISTINCT a
  MATCH down = (a)-[:PARENT_OF*0..6]->(d:Person)
  WHERE length(down) <= $max_generations
    AND all(l IN relationships(down) WHERE l.kind IN ['birth', 'adoptive', 'step'])
  RETURN collect(DISTINCT d) AS blood
}
CALL (blood) {
  UNWIND blood AS b
  // Through other siblings' ties too (a second reader: the child of a sibling known only
  // through another sibling's tie was never loaded).
  MATCH (b)-[:SIBLING_OF*1..6]-(v:Person)
  WITH DISTINCT v
  MATCH down = (v)-[:PARENT_OF*0..6]->(d:Person)
  WHERE length(down) <= $max_generations
    AND all(l IN relationships(down) WHERE l.kind IN ['birth', 'adoptive', 'step'])
  RETURN collect(DISTINCT d) AS tied
}
WITH s, blood, [d IN tied WHERE NOT d IN blood] AS tied
WITH s, blood + tied AS core
CALL (core) {
  UNWIND core AS c
  MATCH (x:Person)-[l:PARENT_OF]->(c)
  RETURN collect(l) AS parent_links, collect(DISTINCT x) AS parents
}
CALL (core) {
  UNWIND core AS c
  MATCH (c)-[t:PARTNER_OF]-(x:Person)
  RETURN collect(DISTINCT t) AS partnerships, collect(DISTINCT x) AS partners
}
CALL (core) {
  UNWIND core AS c
  MATCH (c)-[t:SIBLING_OF]-(x:Person)
  RETURN collect(DISTINCT t) AS sibling_ties, collect(DISTINCT x) AS tied_siblings
}
CALL (s) {
  CALL (s) {
    MATCH (s)<-[:PARENT_OF]-(:Person)-[:PARTNER_OF]-(q:Person)-[l:PARENT_OF]->(x:Person)
    WHERE l.kind IN ['birth', 'adoptive']
    RETURN l, x
    UNION
    // The children of the person's own current partner (a care leaver's partner's son).
    MATCH (s)-[t:PARTNER_OF]-(q:Person)-[l:PARENT_OF]->(x:Person)
    WHERE l.kind IN ['birth', 'adoptive'] AND t.until IS NULL
      AND t.kind IN ['married', 'civil_partnership', 'cohabiting', 'unknown']
    RETURN l, x
  }
  RETURN collect(DISTINCT l) AS step_links, collect(DISTINCT x) AS step_children
}
// The partners and step-children around the core are drawn in a family tree with their own
// partners and parents (a step-father's former wife, a step-sister's father): one hop more.
CALL (core, partners, step_children) {
  UNWIND [x IN partners + step_children WHERE NOT x IN core] AS o
  CALL (o) {
    MATCH (o)-[t:PARTNER_OF]-(y:Person)
    RETURN t, y
    UNION
    MATCH (y:Person)-[t:PARENT_OF]->(o)
    RETURN t, y
  }
  RETURN collect(DISTINCT t) AS outer_ties, collect(DISTINCT y) AS outer_people
}
WITH s, core, partners, tied_siblings, step_children, sibling_ties, outer_people,
     parent_links + [l IN step_links WHERE NOT l IN parent_links] +
       [t IN outer_ties WHERE type(t) = 'PARENT_OF' AND NOT t IN parent_links
                              AND NOT t IN step_links] AS parent_links,
     partnerships + [t IN outer_ties WHERE type(t) = 'PARTNER_OF' AND NOT t IN partnerships]
       AS partnerships,
     parents
WITH s, core, parent_links, partnerships, sibling_ties,
     core + parents + partners + tied_siblings + step_children + outer_people AS everyone
UNWIND everyone AS p
WITH s, core, parent_links, partnerships, sibling_ties, collect(DISTINCT p) AS everyone
// Lists rather than maps, in the order `service.family` reads them: the driver decodes a few
// hundred short lists far faster than as many maps with their keys.
RETURN s.id AS person_id,
  [p IN everyone | [
    p.id, p.given_name, p.family_name, p.known_as, p.sex, p.living, p.birth_date, p.death_date,
    p:YoungPerson,
    CASE WHEN NOT $external_ids OR (p:YoungPerson AND NOT p.id IN $within) THEN null
         ELSE COLLECT { MATCH (p)-[:IDENTIFIED_BY]->(e:ExternalId)
                        WHERE e.case IS NULL OR e.case IN $within
                        RETURN e.value ORDER BY e.system, e.value LIMIT 1 }[0] END,
    p.birth_written, p.death_written, p.birth_earliest, p.known_as_kind
  ]] AS people,
  [l IN parent_links | [startNode(l).id, endNode(l).id, l.kind, l.id]] AS parent_links,
  [t IN partnerships | [startNode(t).id, endNode(t).id, t.kind, t.since, t.until, t.id,
                        t.since_written]]
    AS partnerships,
  [t IN sibling_ties | [startNode(t).id, endNode(t).id, t.half, t.id]] AS sibling_ties,
  $within + COLLECT { MATCH (y:Person)<-[:IN_NETWORK_OF]-(m:Person) WHERE y.id IN $within
                      RETURN m.id } AS network,
  // Taken out of these networks by the cases themselves: for the side of the family a young
  // person's wish speaks of (`relatives.wish_sides`), never shown.
  COLLECT { MATCH (y:Person)<-[:REMOVED_FROM]-(m:Person) WHERE y.id IN $within
            RETURN m.id } AS removed,
  $external_ids AS external_ids
