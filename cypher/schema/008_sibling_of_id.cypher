// Sibling ties (siblings whose parents are unknown) are found by their service-issued id.
CREATE CONSTRAINT sibling_of_id_unique IF NOT EXISTS
FOR ()-[r:SIBLING_OF]-() REQUIRE r.id IS UNIQUE
