// `GET /people?external_id=...` looks up by value alone when no system is given.
CREATE INDEX external_id_value IF NOT EXISTS
FOR (e:ExternalId) ON (e.value)
