// One step out from each person of a frontier, over family, partner, household and other
// declared ties, with what the step is and what the person reached is flagged with.
UNWIND $frontier AS from_id
MATCH (a:Person {id: from_id})
CALL (a) {
  MATCH (a)-[r:PARENT_OF]->(b:Person)
  RETURN b, 'child' AS how
  UNION
  MATCH (a)<-[r:PARENT_OF]-(b:Person)
  RETURN b, 'parent' AS how
  UNION
  MATCH (a)-[r:PARTNER_OF]-(b:Person)
  WHERE NOT r.kind IN ['separated', 'divorced'] AND r.until IS NULL
  RETURN b, 'partner' AS how
  UNION
  MATCH (a)-[r:PARTNER_OF]-(b:Person)
  WHERE r.kind IN ['separated', 'divorced'] OR r.until IS NOT NULL
  RETURN b, 'former partner' AS how
  UNION
  MATCH (a)-[:SIBLING_OF]-(b:Person)
  RETURN b, 'sibling' AS how
  UNION
  MATCH (a)-[:TRUSTED_ADULT_OF]-(b:Person)
  RETURN b, 'known through a trusted-adult tie' AS how
  UNION
  MATCH (a)-[l1:LIVES_AT]->(:Address)<-[l2:LIVES_AT]-(b:Person)
  WHERE l1.until IS NULL AND l2.until IS NULL AND b <> a
  RETURN b, 'lives with' AS how
}
// One record holding the list: the driver decodes one record far faster than many.
// A young person met on the way is marked with their team: a chain through another child's
// case shows them as a child known to the council, never by name or id.
RETURN collect({from_id: from_id, to_id: b.id, how: how, child_team: CASE WHEN b:YoungPerson
                THEN coalesce(b.team, 'unknown') END,
                name: trim(coalesce(b.given_name, '') + ' ' + coalesce(b.family_name, ''))})
         AS steps
