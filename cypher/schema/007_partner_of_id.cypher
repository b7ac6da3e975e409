// Partnerships are found by their service-issued id.
CREATE CONSTRAINT partner_of_id_unique IF NOT EXISTS
FOR ()-[r:PARTNER_OF]-() REQUIRE r.id IS UNIQUE
