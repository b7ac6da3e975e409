// The parent links and partnerships recorded between the given people (those a file imported
// again matched), [id, from id, to id, parent, kind, until], the ties just made included: for
// the import to say where the file gives a tie otherwise than it is recorded, and which ties an
// earlier import of the same source made that the file no longer gives.
MATCH (a:Person)-[r:PARENT_OF|PARTNER_OF]->(b:Person)
WHERE a.id IN $ids AND b.id IN $ids
RETURN collect([r.id, a.id, b.id, type(r) = 'PARENT_OF', r.kind, r.until]) AS ties
