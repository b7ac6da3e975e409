// Coordinators look people up by family name.
CREATE INDEX person_family_name IF NOT EXISTS
FOR (p:Person) ON (p.family_name)
