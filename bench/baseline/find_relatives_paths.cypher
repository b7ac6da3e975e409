// The relatives of a person within $max_generations (it bounds Ga and Gb), closest first, with
// Ga (generations from the person up to the closest common ancestor), Gb (from the relative up
// to it), side (the first step from the person: through the mother maternal, through the father
// paternal, both when both lead there), half (the two lines share one known parent while one of
// them has another known parent, or a sibling tie says so) and kind:
//   birth        every step is birth parentage (or a sibling tie);
//   adoptive     an adoptive parent link is on the way; step: a step parent link is on the way,
//                or a current partner of a parent or grandparent, and that partner's children;
//   by_marriage  a current partner (married, civil partnership, living together) of a birth
//                relative who is not a relative already.
// A birth relation wins over any other; then the closest (fewest generations, then smallest Ga).
// Foster links are not family: foster carers are trusted adults. The 6 in the patterns is the
// largest $max_generations the API accepts.
MATCH (s:Person {id: $person_id})
CALL (s) {
  // Each ancestor, by every path up of birth, adoptive or step links; then the ancestor's
  // descendants down another child than the one on the person's line.
  MATCH up = (s)<-[:PARENT_OF*1..6]-(a:Person)
  WHERE length(up) <= $max_generations
    AND all(l IN relationships(up) WHERE l.kind IN ['birth', 'adoptive', 'step'])
  WITH a, length(up) AS ga, nodes(up)[1] AS parent, nodes(up)[-2] AS line_child,
       [l IN relationships(up) | l.kind] AS up_kinds
  CALL (a, line_child) {
    RETURN a AS r, 0 AS gb, null AS c2, [] AS down_kinds
    UNION
    MATCH down = (a)-[:PARENT_OF*1..6]->(r:Person)
    WHERE length(down) <= $max_generations AND nodes(down)[1] <> line_child
      AND all(l IN relationships(down) WHERE l.kind IN ['birth', 'adoptive', 'step'])
    RETURN r, length(down) AS gb, nodes(down)[1] AS c2,
           [l IN relationships(down) | l.kind] AS down_kinds
  }
  RETURN r, ga, gb, parent, up_kinds + down_kinds AS kinds,
         CASE WHEN gb = 0 THEN null ELSE line_child END AS c1, c2, null AS tie_half
  UNION
  // The person's own descendants.
  MATCH down = (s)-[:PARENT_OF*1..6]->(r:Person)
  WHERE length(down) <= $max_generations
    AND all(l IN relationships(down) WHERE l.kind IN ['birth', 'adoptive', 'step'])
  RETURN r, 0 AS ga, length(down) AS gb, null AS parent,
         [l IN relationships(down) | l.kind] AS kinds, null AS c1, null AS c2, null AS tie_half
  UNION
  // Sibling ties (parents unknown) of the person, of anyone on their line up, and of the
  // children of their ancestors: as if the tie were a shared parent above both; then the
  // descendants of the tied sibling.
  MATCH line = (s)<-[:PARENT_OF*0..6]-(u:Person)
  WHERE length(line) < $max_generations
    AND all(l IN relationships(line) WHERE l.kind IN ['birth', 'adoptive', 'step'])
  OPTIONAL MATCH (u)<-[:PARENT_OF {kind: 'birth'}]-(:Person)-[:PARENT_OF {kind: 'birth'}]->(w:Person)
  WITH line, u, [u] + collect(DISTINCT w) AS group
  UNWIND group AS g
  MATCH (g)-[t:SIBLING_OF]-(v:Person)
  MATCH down = (v)-[:PARENT_OF*0..6]->(r:Person)
  WHERE length(down) < $max_generations
    AND all(l IN relationships(down) WHERE l.kind IN ['birth', 'adoptive', 'step'])
  RETURN r, length(line) + 1 AS ga, length(down) + 1 AS gb,
         CASE WHEN length(line) = 0 THEN null ELSE nodes(line)[1] END AS parent,
         [l IN relationships(line) + relationships(down) | l.kind] AS kinds,
         null AS c1, null AS c2, coalesce(t.half, false) AS tie_half
}
WITH s, r, ga, gb, tie_half, c1, c2, kinds,
     CASE WHEN ga = 0 THEN 'none'
          WHEN parent IS NULL THEN 'unknown'
          // A step-parent is on the side of the birth parent they are the partner of.
          WHEN kinds[0] = 'step' THEN coalesce(head(COLLECT {
            MATCH (parent)-[:PARTNER_OF]-(bp:Person)-[:PARENT_OF {kind: 'birth'}]->(s)
            RETURN CASE bp.sex WHEN 'female' THEN 'maternal' WHEN 'male' THEN 'paternal' END
          }), 'unknown')
          WHEN parent.sex = 'female' THEN 'maternal'
          WHEN parent.sex = 'male' THEN 'paternal'
          ELSE 'unknown' END AS side,
     CASE WHEN all(k IN kinds WHERE k = 'birth') THEN 'birth'
          WHEN 'step' IN kinds THEN 'step'
          ELSE 'adoptive' END AS kind
WHERE r <> s
ORDER BY kind <> 'birth', ga + gb, ga
WITH s, r, collect({kind: kind, ga: ga, gb: gb, side: side, tie_half: tie_half, c1: c1, c2: c2})
       AS ways
// Half or full is settled for the closest ways only, once the relative is known.
WITH s, r, [w IN ways WHERE w.kind = ways[0].kind AND w.ga = ways[0].ga AND w.gb = ways[0].gb]
       AS closest
WITH s, collect({r: r, closest: closest}) AS found
// Half or full, for each pair of children below a common ancestor (c1 on the person's line, c2
// on the relative's): worked out once per pair rather than once per relative, since a whole
// branch of cousins shares one pair. Half: the two share exactly one birth parent, and one of
// them has two.
CALL (found) {
  UNWIND found AS f
  UNWIND f.closest AS w
  WITH w WHERE w.tie_half IS NULL AND w.kind = 'birth' AND w.c1 IS NOT NULL AND w.c2 IS NOT NULL
  WITH DISTINCT w.c1 AS c1, w.c2 AS c2
  WITH c1, c2,
       COLLECT { MATCH (x:Person)-[:PARENT_OF {kind: 'birth'}]->(c1) RETURN x } AS p1,
       COLLECT { MATCH (x:Person)-[:PARENT_OF {kind: 'birth'}]->(c2) RETURN x } AS p2
  WHERE size([x IN p1 WHERE x IN p2]) = 1 AND (size(p1) = 2 OR size(p2) = 2)
  RETURN collect([c1, c2]) AS half_pairs
}
UNWIND found AS f
WITH s, f.r AS r, f.closest[0] AS best, [w IN f.closest | w.side] AS sides,
     [w IN f.closest | CASE
        WHEN w.tie_half IS NOT NULL THEN w.tie_half
        WHEN w.c1 IS NULL OR w.c2 IS NULL OR w.kind <> 'birth' THEN false
        ELSE [w.c1, w.c2] IN half_pairs
      END] AS halves
WITH s, collect({
  r: r, kind: best.kind, ga: best.ga, gb: best.gb,
  side: CASE WHEN 'maternal' IN sides AND 'paternal' IN sides THEN 'both'
             WHEN 'maternal' IN sides THEN 'maternal'
             WHEN 'paternal' IN sides THEN 'paternal'
             ELSE best.side END,
  half: all(h IN halves WHERE h)
}) AS kin
// Partners of birth relatives who are not relatives themselves; a parent's or grandparent's
// partner is a step-parent or step-grandparent, and a step-parent's children step-siblings.
CALL (s, kin) {
  WITH s, kin, [k IN kin | k.r] AS known
  UNWIND kin AS k
  WITH s, known, k, k.r AS relative WHERE k.kind = 'birth'
  MATCH (relative)-[p:PARTNER_OF]-(partner:Person)
  WHERE p.kind IN ['married', 'civil_partnership', 'cohabiting'] AND p.until IS NULL
    AND partner <> s AND NOT partner IN known
  WITH s, known, k, partner ORDER BY k.ga + k.gb, k.ga
  WITH s, known, partner, collect(k)[0] AS k
  WITH s, known, partner, k, CASE WHEN k.gb = 0 THEN 'step' ELSE 'by_marriage' END AS kind
  CALL (s, known, partner, k, kind) {
    RETURN {r: partner, kind: kind, ga: k.ga, gb: k.gb, side: k.side, half: false} AS extra
    UNION
    WITH s, known, partner, k, kind WHERE k.ga = 1 AND k.gb = 0
    MATCH (partner)-[:PARENT_OF {kind: 'birth'}]->(child:Person)
    WHERE child <> s AND NOT child IN known
    RETURN {r: child, kind: 'step', ga: 1, gb: 1, side: k.side, half: false} AS extra
  }
  RETURN collect(extra) AS extras
}
UNWIND kin + extras AS k
WITH k.r AS r, collect(k)[0] AS k
// Only the people of the cases the read is made through ($within, young people's ids), and
// young people in the family (a sibling or cousin in care shows as a relative, never with
// their case): the walk may pass through others, but what was recorded only under another
// case, or taken out of this network, is not shown.
WHERE r.id IN $within OR r:YoungPerson
   OR EXISTS { (r)-[:IN_NETWORK_OF]->(n:YoungPerson) WHERE n.id IN $within }
// The first external id in (system, value) order: most people have one or none. A young person
// of another case shows as a relative only: not with their case's ids. Since 2026-12-06 a family
// tree file's ids are the importing case's (`e.case`), as load_family.cypher reads them: the
// same rule here, so that the two are compared on what decides kinship.
OPTIONAL MATCH (r)-[:IDENTIFIED_BY]->(e:ExternalId)
WHERE NOT (r:YoungPerson AND NOT r.id IN $within) AND (e.case IS NULL OR e.case IN $within)
WITH r, k, e ORDER BY e.system, e.value
WITH r, k, collect(e.value)[0] AS external_id
ORDER BY k.ga + k.gb, k.ga, r.family_name, r.given_name, r.id
// One record holding the list: the driver decodes one record far faster than a hundred.
RETURN collect({
  person_id: r.id, given_name: r.given_name, family_name: r.family_name,
  known_as: r.known_as, sex: r.sex, living: coalesce(r.living, true),
  birth_date: r.birth_date, death_date: r.death_date, external_id: external_id,
  kind: k.kind, generations_up: k.ga, generations_down: k.gb,
  side: CASE k.side WHEN 'none' THEN null ELSE k.side END, half: k.half,
  other_case: r:YoungPerson AND NOT r.id IN $within
}) AS relatives
