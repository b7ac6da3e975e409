// Each of `household` (the person and those in their household) as [who, flags, orders]: their
// active flags at the level that blocks approval ($blocking_level, from `service.workflow`) and
// the current court orders between them and the young person `yp` (either way), as
// "flag:<id>" and "order:<id>" (`service.workflow.household` reads them). A young person of
// another case is counted, never named by id.
[h IN household |
 [CASE WHEN h:YoungPerson THEN 'a child known to the council' ELSE h.id END,
  [(h)-[:HAS_FLAG]->(f:Flag {status: 'active'}) WHERE f.level >= $blocking_level | 'flag:' + f.id],
  [(h)-[o:RESTRICTED_BY_ORDER]-(yp) WHERE o.until IS NULL OR o.until >= $today
   | 'order:' + o.id]]]
