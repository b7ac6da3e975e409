// Looking an external id up by system and value (GEDCOM imports, duplicates, case ids).
CREATE INDEX external_id_system_value IF NOT EXISTS
FOR (e:ExternalId) ON (e.system, e.value)
