// The data's revision (cypher/revision/bump_revision.cypher) is one node.
CREATE CONSTRAINT revision_id_unique IF NOT EXISTS
FOR (r:Revision) REQUIRE r.id IS UNIQUE
