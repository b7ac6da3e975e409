// Flag changes made before each kept whose words it holds: the case a change was made through
// (`through`), taken from the audit trail (the change's own record, `flag.update` on the flag by
// the same user, not the copies other cases are told, nearest in time); then whose words the
// details each change kept are (the case of the latest earlier change of the details, or the
// case the flag was raised under), and the flag's details now (the case of its latest change of
// the details). A change the trail does not name stays its flag's raising case's.
CALL () {
  MATCH (f:Flag)-[:REVISED]->(r:FlagRevision)
  WHERE r.through IS NULL AND r.details_of IS NULL
  CALL (f, r) {
    MATCH (e:AuditEvent {action: 'flag.update', resource: 'flag:' + f.id, user_id: r.user_id,
                         outcome: 'allowed'})
    WHERE NOT coalesce(e.reason, '') ENDS WITH '(through another case)'
    RETURN e.young_person_id AS through
    ORDER BY abs(duration.inSeconds(r.changed_at, e.at).milliseconds), e.id
    LIMIT 1
  }
  SET r.through = through
}
CALL () {
  MATCH (f:Flag)-[:REVISED]->(r:FlagRevision)
  WITH f, r ORDER BY r.changed_at
  WITH f, collect(r) AS revisions
  WHERE any(r IN revisions WHERE r.details_of IS NULL)
  CALL (f, revisions) {
    UNWIND range(0, size(revisions) - 1) AS i
    WITH f, revisions[i] AS r,
         [j IN range(0, i - 1) WHERE 'details' IN revisions[j].changed | revisions[j]] AS earlier
    WHERE r.details_of IS NULL
    SET r.details_of = CASE WHEN size(earlier) = 0 THEN f.raised_in ELSE last(earlier).through END
  }
  WITH f, [r IN revisions WHERE 'details' IN r.changed] AS changed
  WHERE f.details_of IS NULL AND size(changed) > 0
  SET f.details_of = last(changed).through
}
