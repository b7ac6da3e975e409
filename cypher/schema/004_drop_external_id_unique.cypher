// An external id (a GEDCOM xref, a council system's id) names one person within its system.
CREATE CONSTRAINT external_id_unique IF NOT EXISTS
FOR (e:ExternalId) REQUIRE (e.system, e.value) IS UNIQUE
