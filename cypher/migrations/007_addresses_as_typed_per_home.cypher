// Homes recorded before each kept its address as typed for its person (`move_house`): the
// wording was the address node's, whoever typed it first, and shown to everyone living there
// (a second reader saw another case's "Flat B (above the chemist)"). Each such home takes the
// first line, town and postcode from the node (the first line and postcode are the household's
// key, known to whoever typed them), and the second line only when nobody else was ever
// recorded there (who typed it first cannot be told). The node's wording stays (nothing is
// deleted) but is read no more: a worker who types the address again sees their own.
MATCH (a:Address)
WHERE a.line1 IS NOT NULL AND EXISTS { ()-[l:LIVES_AT]->(a) WHERE l.line1 IS NULL }
CALL (a) {
  MATCH (p:Person)-[l:LIVES_AT]->(a)
  WHERE l.line1 IS NULL
  SET l.line1 = a.line1, l.town = a.town, l.postcode = a.postcode,
      l.line2 = CASE WHEN EXISTS { MATCH (o:Person)-[:LIVES_AT]->(a) WHERE o <> p } THEN null
                     ELSE a.line2 END
}
