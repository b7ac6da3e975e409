// A court order keeping one person from contacting another, on given terms, until a date,
// made through a case ($made_in, a young person's id): its terms are that case's words, and it
// is changed through that case only (as a flag raised under a case).
MATCH (restricted:Person {id: $restricted_id})
MATCH (protected:Person {id: $protected_id})
// The restricted person's write lock, as for a flag (a stage move on them waits for it).
SET restricted._lock = true
REMOVE restricted._lock
CREATE (restricted)-[o:RESTRICTED_BY_ORDER {
  id: $id, kind: $kind, terms: $terms, made_on: $made_on, until: $until, author_id: $author_id,
  made_in: $made_in, created_at: datetime()
}]->(protected)
RETURN o {.id, .kind, .terms, .made_on, .until, restricted_id: restricted.id,
          protected_id: protected.id} AS order
