// Notes on a tie written before each case kept its own (`notes`), moved beside the notes of
// the one case whose they were (`notes_cases[i]` wrote `notes_texts[i]`): on a tie to a young
// person, theirs; on another tie, the one case holding both ends, if no case ever took either
// out. Notes whose case cannot be told stay where they were, shown to no case.
MATCH (a:Person)-[r:TRUSTED_ADULT_OF]->(b:Person)
WHERE r.notes IS NOT NULL
WITH r, CASE
          WHEN b:YoungPerson THEN [b.id]
          WHEN EXISTS { (a)-[:REMOVED_FROM]->() } OR EXISTS { (b)-[:REMOVED_FROM]->() } THEN []
          ELSE [(a)-[:IN_NETWORK_OF]->(y:YoungPerson) WHERE y = b OR (b)-[:IN_NETWORK_OF]->(y)
                | y.id]
               + [(b)-[:IN_NETWORK_OF]->(a) WHERE a:YoungPerson | a.id]
        END AS held
WITH r, held, coalesce(r.notes_cases, []) AS cases, coalesce(r.notes_texts, []) AS texts
WHERE size(held) = 1
SET r.notes_cases = CASE WHEN held[0] IN cases THEN cases ELSE cases + held END,
    r.notes_texts = CASE WHEN held[0] IN cases THEN texts ELSE texts + [r.notes] END
REMOVE r.notes
