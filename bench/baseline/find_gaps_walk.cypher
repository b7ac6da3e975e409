// The person and their known birth ancestors up to grandparents who have fewer than two
// recorded birth parents: each missing parent is an unknown parent, grandparent or
// great-grandparent of the person, a gap to research. `side` is the first step from the person.
MATCH (s:Person {id: $person_id})
MATCH line = (s)<-[:PARENT_OF*0..2]-(c:Person)
WHERE all(l IN relationships(line) WHERE l.kind = 'birth')
  // Through the people of the cases the read is made through ($within) only.
  AND all(n IN nodes(line)[1..] WHERE n.id IN $within
          OR EXISTS { (n)-[:IN_NETWORK_OF]->(y:YoungPerson) WHERE y.id IN $within })
WITH c, length(line) AS depth,
     CASE WHEN length(line) = 0 THEN null ELSE nodes(line)[1].sex END AS first_sex
WITH DISTINCT c, depth,
     CASE first_sex WHEN 'female' THEN 'maternal' WHEN 'male' THEN 'paternal'
                    ELSE CASE WHEN depth = 0 THEN null ELSE 'unknown' END END AS side
OPTIONAL MATCH (p:Person)-[:PARENT_OF {kind: 'birth'}]->(c)
WHERE p.id IN $within OR EXISTS { (p)-[:IN_NETWORK_OF]->(y:YoungPerson) WHERE y.id IN $within }
WITH c, depth, side, collect(CASE WHEN p IS NOT NULL THEN coalesce(p.sex, 'unknown') END) AS known_parent_sexes
WHERE size(known_parent_sexes) < 2
RETURN c.id AS child_id, c.given_name AS given_name, c.family_name AS family_name,
       c.known_as AS known_as, depth, side, known_parent_sexes
ORDER BY depth, side, child_id
