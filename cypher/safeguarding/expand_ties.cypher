// One step out from each person of a frontier, over family, partner, household and other
// declared ties, with what the step is and what the person reached is flagged with. Steps into
// the young person's network ($network) are left out: a chain ends at the first member it
// meets, so the search never needs them (a third of the rows, and their names, saved).
UNWIND $frontier AS from_id
MATCH (a:Person {id: from_id})
CALL (a) {
  // Family, partner and declared ties in one expansion, told apart by type and direction.
  MATCH (a)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF]-(b:Person)
  RETURN b, CASE type(r)
      WHEN 'PARENT_OF' THEN CASE WHEN startNode(r) = a THEN 'child' ELSE 'parent' END
      WHEN 'PARTNER_OF' THEN CASE WHEN r.kind IN ['separated', 'divorced'] OR r.until IS NOT NULL
                                  THEN 'former partner' ELSE 'partner' END
      WHEN 'SIBLING_OF' THEN 'sibling'
      ELSE 'known through a trusted-adult tie' END AS how
  UNION
  MATCH (a)-[l1:LIVES_AT]->(:Address)<-[l2:LIVES_AT]-(b:Person)
  WHERE l1.until IS NULL AND l2.until IS NULL AND b <> a
  RETURN b, 'lives with' AS how
}
WITH from_id, b, how
WHERE NOT b.id IN $network
// One record holding the list: the driver decodes one record far faster than many.
// A young person met on the way is marked with their team: a chain through another child's
// case shows them as a child known to the council, never by name or id.
RETURN collect({from_id: from_id, to_id: b.id, how: how, child_team: CASE WHEN b:YoungPerson
                THEN coalesce(b.team, 'unknown') END,
                name: trim(coalesce(b.given_name, '') + ' ' + coalesce(b.family_name, ''))})
         AS steps
