// Relationships carry a service-issued id, so they can be read, changed and deleted.
CREATE CONSTRAINT parent_of_id_unique IF NOT EXISTS
FOR ()-[r:PARENT_OF]-() REQUIRE r.id IS UNIQUE
