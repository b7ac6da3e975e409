// Safety flags are found by their service-issued id.
CREATE CONSTRAINT flag_id_unique IF NOT EXISTS
FOR (f:Flag) REQUIRE f.id IS UNIQUE
