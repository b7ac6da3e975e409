// The person a flag is on, and the case whose flag it is (cypher/fragments/flag_case.cypher).
MATCH (p:Person)-[:HAS_FLAG]->(f:Flag {id: $id})
RETURN p.id AS person_id,
       // fragment: flag_case
       AS raised_in
