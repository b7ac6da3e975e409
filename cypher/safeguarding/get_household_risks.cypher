// For approving contact between a person and a young person: for the person and each of the
// people living with them, their active safety flags at the level that blocks approval
// ($blocking_level, from `service.workflow`) and the current court orders between them and the
// young person (either way), as "flag:<id>" and "order:<id>": [who, flags, orders].
MATCH (p:Person {id: $person_id})
MATCH (yp:YoungPerson {id: $young_person_id})
WITH p, yp, [p] + [h IN COLLECT {
  // fragment: household
}
  // The young person is not of the risks of their own carer's household.
  WHERE h <> yp] AS household
RETURN
  // fragment: household_risks
  AS risks
