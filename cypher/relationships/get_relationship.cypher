// One relationship by id, with its type and ends, and each case's own notes (`notes_cases[i]`
// wrote `notes_texts[i]`; `relationships.notes_for`).
MATCH (a:Person)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF {id: $id}]->(b:Person)
RETURN r {.id, .kind, .since, .since_written, .until, .half, .role, .strength, .stressful,
          type: CASE type(r)
                  WHEN 'PARENT_OF' THEN 'parent' WHEN 'PARTNER_OF' THEN 'partner'
                  WHEN 'SIBLING_OF' THEN 'sibling' ELSE 'trusted_adult' END,
          from_id: a.id, to_id: b.id} AS relationship,
       {cases: coalesce(r.notes_cases, []), texts: coalesce(r.notes_texts, [])} AS notes
