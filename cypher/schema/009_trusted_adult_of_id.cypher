// Ties of other trusted adults are found by their service-issued id.
CREATE CONSTRAINT trusted_adult_of_id_unique IF NOT EXISTS
FOR ()-[r:TRUSTED_ADULT_OF]-() REQUIRE r.id IS UNIQUE
