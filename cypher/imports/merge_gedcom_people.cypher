// Create the people of an imported file who are new, keyed by (system, xref), in the young
// person's network. People already imported keep what workers have recorded since: the file
// only fills fields that are still empty (a date and its words as written together: a date a
// worker recorded is never given the file's words). People are matched within this young person's
// network only: another case's people are never matched, changed or counted, whatever the
// file's source is called. Each xref is the importing case's (`case`): another case holding the
// person later neither sees it nor finds them by it. A death is not filled in for someone
// recorded as living: that is for a worker to decide, and the row says so (`death_kept_out`).
// Someone the case took out of its network who holds the xref is neither imported again nor
// changed (`taken_out`): a worker decided, and a manager may restore them.
MATCH (yp:YoungPerson {id: $young_person_id})
UNWIND $people AS row
// A record carrying a person's own id (`row.own_id`, as this service's export writes it) is
// that person, when they are of this young person's network (or taken out of it): an id of
// anyone else matches nobody, and the record is a new person like any other.
WITH yp, row,
  CASE WHEN row.own_id IS NOT NULL THEN COLLECT {
    MATCH (m:Person {id: row.own_id}) WHERE EXISTS { (m)-[:IN_NETWORK_OF]->(yp) } RETURN m
  }[0] END AS mine,
  CASE WHEN row.own_id IS NOT NULL THEN COLLECT {
    MATCH (m:Person {id: row.own_id}) WHERE EXISTS { (m)-[:REMOVED_FROM]->(yp) } RETURN m
  }[0] END AS mine_gone
// Else only through the xrefs this case sees: another case's file (`e.case`) is not its own,
// even under the same source name.
OPTIONAL MATCH (known:Person)-[:IDENTIFIED_BY]->(k:ExternalId {system: $system, value: row.xref})
WHERE mine IS NULL AND mine_gone IS NULL AND EXISTS { (known)-[:IN_NETWORK_OF]->(yp) }
  AND (k.case IS NULL OR k.case = yp.id)
OPTIONAL MATCH (gone:Person)-[:IDENTIFIED_BY]->(g:ExternalId {system: $system, value: row.xref})
WHERE known IS NULL AND mine IS NULL AND mine_gone IS NULL
  AND EXISTS { (gone)-[:REMOVED_FROM]->(yp) } AND (g.case IS NULL OR g.case = yp.id)
WITH yp, row, mine, mine_gone, head(collect(known)) AS known, head(collect(gone)) AS gone
WITH yp, row, coalesce(mine, known) AS known, coalesce(mine_gone, gone) AS gone,
     mine IS NOT NULL AS by_own
CALL (row, known, yp, gone, by_own) {
  WITH row, gone WHERE gone IS NOT NULL
  RETURN gone AS p, false AS kept_out, [] AS filled, true AS taken_out, false AS name_kept,
         null AS recorded, null AS before
  UNION
  WITH row, known, yp, gone WHERE known IS NULL AND gone IS NULL
  CREATE (p:Person {id: row.id})
  SET p.given_name = row.given_name, p.family_name = row.family_name,
      p.known_as = row.known_as, p.known_as_kind = row.known_as_kind, p.sex = row.sex,
      p.birth_date = row.birth_date, p.death_date = row.death_date, p.living = row.living,
      p.living_inferred = row.living_inferred,
      p.birth_written = row.birth_written, p.birth_qualifier = row.birth_qualifier,
      p.birth_earliest = row.birth_earliest, p.birth_latest = row.birth_latest,
      p.death_written = row.death_written, p.death_qualifier = row.death_qualifier,
      p.death_earliest = row.death_earliest, p.death_latest = row.death_latest,
      p.created_at = datetime(), p.updated_at = datetime()
  CREATE (p)-[:IDENTIFIED_BY]->(:ExternalId {system: $system, value: row.xref,
                                             case: $young_person_id})
  CREATE (p)-[:IN_NETWORK_OF]->(yp)
  RETURN p, false AS kept_out, [] AS filled, false AS taken_out, false AS name_kept,
         null AS recorded, null AS before
  UNION
  WITH row, known, by_own WHERE known IS NOT NULL
  WITH row, known, by_own, known.birth_date IS NULL AND known.birth_written IS NULL AS birth,
       known.death_date IS NULL AND known.death_written IS NULL AS no_death,
       coalesce(known.living, false) AS recorded_living
  WITH row, known, by_own, birth, no_death AND NOT recorded_living AS death,
       no_death AND recorded_living
       AND (row.death_date IS NOT NULL OR row.death_written IS NOT NULL) AS kept_out
  WITH row, known, by_own, birth, death, kept_out,
       known {.given_name, .family_name, .known_as, .sex, .birth_date, .birth_written,
              .death_date, .death_written} AS was
  // A name is filled in where the case has none and the file gives one: an empty one in the file
  // changes nothing (not even a worker's empty value to none, which other cases would be told).
  SET known.given_name = CASE WHEN coalesce(known.given_name, '') = ''
                                   AND coalesce(row.given_name, '') <> '' THEN row.given_name
                              ELSE known.given_name END,
      known.family_name = CASE WHEN coalesce(known.family_name, '') = ''
                                    AND coalesce(row.family_name, '') <> '' THEN row.family_name
                               ELSE known.family_name END,
      known.known_as = CASE WHEN coalesce(known.known_as, '') = ''
                                 AND coalesce(row.known_as, '') <> '' THEN row.known_as
                            ELSE known.known_as END,
      // What the name known by is (a married name, an alias), with the name the file fills.
      known.known_as_kind = CASE WHEN coalesce(known.known_as, '') = ''
                                      AND coalesce(row.known_as, '') <> '' THEN row.known_as_kind
                                 ELSE known.known_as_kind END,
      known.sex = CASE WHEN coalesce(known.sex, 'unknown') = 'unknown' THEN row.sex
                       ELSE known.sex END,
      known.birth_date = CASE WHEN birth THEN row.birth_date ELSE known.birth_date END,
      known.birth_written = CASE WHEN birth THEN row.birth_written ELSE known.birth_written END,
      known.birth_qualifier = CASE WHEN birth THEN row.birth_qualifier
                                   ELSE known.birth_qualifier END,
      known.birth_earliest = CASE WHEN birth THEN row.birth_earliest
                                  ELSE known.birth_earliest END,
      known.birth_latest = CASE WHEN birth THEN row.birth_latest ELSE known.birth_latest END,
      known.death_date = CASE WHEN death THEN row.death_date ELSE known.death_date END,
      known.death_written = CASE WHEN death THEN row.death_written ELSE known.death_written END,
      known.death_qualifier = CASE WHEN death THEN row.death_qualifier
                                   ELSE known.death_qualifier END,
      known.death_earliest = CASE WHEN death THEN row.death_earliest
                                  ELSE known.death_earliest END,
      known.death_latest = CASE WHEN death THEN row.death_latest ELSE known.death_latest END
  RETURN known AS p, kept_out,
         // What the file filled in: other cases holding the person are told (not the values).
         [k IN keys(was) WHERE NOT coalesce(was[k] = known[k], was[k] IS NULL AND known[k] IS NULL)
          | CASE k WHEN 'birth_written' THEN 'birth_date' WHEN 'death_written' THEN 'death_date'
                   ELSE k END] AS filled,
         false AS taken_out,
         // The name known by already recorded, where the file gives another: kept, and said.
         coalesce(row.known_as, '') <> '' AND coalesce(was.known_as, '') <> ''
           AND toLower(was.known_as) <> toLower(row.known_as) AS name_kept,
         // Who is recorded under the xref, for the import to tell whether the file now gives
         // it to someone else (`gedcom_again.someone_else`); not asked of a person matched by
         // their own id.
         CASE WHEN NOT by_own THEN [was.given_name, was.family_name, was.sex] END AS recorded,
         // What was recorded before, for the import to say where the file gives other dates
         // or another sex (kept as recorded: `gedcom_again.kept_as_recorded`).
         was AS before
}
RETURN row.xref AS xref, p.id AS id, coalesce(kept_out, false) AS death_kept_out,
       filled, taken_out, name_kept, recorded, before
