// Create the demo case's parent -> child links once each.
UNWIND $links AS link
MATCH (parent:Person {id: link.parent})
MATCH (child:Person {id: link.child})
MERGE (parent)-[r:PARENT_OF]->(child)
SET r.kind = link.kind
RETURN count(r) AS links
