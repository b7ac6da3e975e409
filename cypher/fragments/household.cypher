// Those in a person's household, `h` for each (the body of a COLLECT subquery, given `p`, the
// person): those alive at their current address, and their current partner, alive (married,
// civil, living together or status not recorded, `unknown`, until a worker says; not
// separated, divorced or ended: a partner need not have an address recorded to share one). A late husband's flag is no risk in his widow's home.
MATCH (p)-[l1:LIVES_AT]->(:Address)<-[l2:LIVES_AT]-(h:Person)
WHERE l1.until IS NULL AND l2.until IS NULL AND h <> p AND coalesce(h.living, true)
RETURN h
UNION
MATCH (p)-[r:PARTNER_OF]-(h:Person)
WHERE r.until IS NULL AND NOT coalesce(r.kind IN ['separated', 'divorced'], false)
  AND h <> p AND coalesce(h.living, true)
RETURN h
