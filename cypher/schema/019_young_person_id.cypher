// Young people are found by id everywhere (`MATCH (yp:YoungPerson {id: ...})`): without this
// index each such match scans every young person, once per row where it sits in a loop.
CREATE INDEX young_person_id IF NOT EXISTS FOR (n:YoungPerson) ON (n.id)
