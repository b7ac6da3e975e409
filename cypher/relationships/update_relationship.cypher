// Change the properties of one relationship. Notes are the case $notes_case's own, written
// beside other cases' (`notes_cases[i]` wrote `notes_texts[i]`) when $set_notes.
MATCH (:Person)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF {id: $id}]->(:Person)
SET r += $props
WITH r
CALL (r) {
  WITH r WHERE $set_notes
  WITH r, coalesce(r.notes_cases, []) AS cases, coalesce(r.notes_texts, []) AS texts
  WITH r, cases, texts, [i IN range(0, size(cases) - 1) WHERE cases[i] <> $notes_case] AS kept
  WITH r, [i IN kept | cases[i]] + CASE WHEN $notes IS NULL THEN [] ELSE [$notes_case] END
            AS cases,
       [i IN kept | texts[i]] + CASE WHEN $notes IS NULL THEN [] ELSE [$notes] END AS texts
  // No notes left: no lists kept.
  SET r.notes_cases = CASE WHEN cases = [] THEN null ELSE cases END,
      r.notes_texts = CASE WHEN texts = [] THEN null ELSE texts END
}
RETURN r.id AS id
