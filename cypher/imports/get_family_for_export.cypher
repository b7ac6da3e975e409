// A person and the given relatives, with the parent links and partnerships among them.
MATCH (p:Person) WHERE p.id IN $ids
WITH collect(p) AS people
UNWIND people AS p
OPTIONAL MATCH (p)-[l:PARENT_OF]->(c:Person) WHERE c IN people AND l.kind <> 'step'
WITH people, p, collect(CASE WHEN c IS NOT NULL THEN {child: c.id, kind: l.kind} END) AS children
OPTIONAL MATCH (p)-[m:PARTNER_OF]->(q:Person) WHERE q IN people
RETURN p {.id, .given_name, .family_name, .sex, .birth_date, .death_date, .living} AS person,
       children,
       collect(CASE WHEN q IS NOT NULL THEN {partner: q.id, kind: m.kind, since: m.since} END)
         AS partners
