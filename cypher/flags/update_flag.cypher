// Change a flag's status, review date, expiry or details. The person's write lock is taken
// first, as raising a flag takes it (cypher/flags/create_flag.cypher): a stage move deciding on
// this person at the same time sees the change or is decided before it. What the flag said
// before is kept as a revision, with who changed it, when and why: a flag withdrawn frees
// approvals, and its wording is the record of a risk (nothing is lost by a change).
// Whose words each part is, is kept with it (`service/data/flags.as_seen` reads them to the
// cases they belong to): the revision's reason is the case's it was changed through
// ($through), the details it keeps are the case's that wrote them, and new details are
// $through's. A flag's source stays the case's it was raised under.
MATCH (p:Person)-[:HAS_FLAG]->(f:Flag {id: $id})
SET p._lock = true
REMOVE p._lock
CREATE (f)-[:REVISED]->(:FlagRevision {
  status: f.status, review_on: f.review_on, expires_on: f.expires_on, details: f.details,
  details_of: coalesce(f.details_of, f.raised_in), through: $through,
  changed: $changed, reason: $reason, user_id: $user_id, changed_at: datetime()
})
WITH p, f, f.status AS before
SET f += $changes, f.updated_at = datetime(),
    f.details_of = CASE WHEN 'details' IN $changed THEN $through ELSE f.details_of END
RETURN p.id AS person_id, f.level AS level, f.status AS status, f.raised_on AS raised_on,
       before
