// The parent links and partnerships recorded between the given people (those a file imported
// again matched), [id, from id, to id, parent, kind]: for the import to say which of those an
// earlier import of the same source made that the file no longer gives.
MATCH (a:Person)-[r:PARENT_OF|PARTNER_OF]->(b:Person)
WHERE a.id IN $ids AND b.id IN $ids
RETURN collect([r.id, a.id, b.id, type(r) = 'PARENT_OF', r.kind]) AS ties
