// One address node per first line and postcode, so that a household is the people at it.
CREATE CONSTRAINT address_key_unique IF NOT EXISTS
FOR (a:Address) REQUIRE a.key IS UNIQUE
