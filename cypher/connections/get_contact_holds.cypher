// What says whether each of $person_ids may be got in touch with now, for the young person
// $young_person_id (`service.workflow.held_from_contact` decides): the young person's wishes
// about each side, and for each person `contact_holds`. For the few people /lapsed finds
// overdue (a map reads the same in get_network).
MATCH (yp:YoungPerson {id: $young_person_id})
WITH yp, $person_ids AS pids
RETURN yp.wish_maternal AS wish_maternal, yp.wish_paternal AS wish_paternal,
  COLLECT {
    // fragment: contact_holds
  } AS people
