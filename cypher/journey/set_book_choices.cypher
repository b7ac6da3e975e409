// Record what the young person agreed to put in their journey book (one per young person;
// recording again replaces the choices). The young person's lock first: two recorded at once
// make one book.
MATCH (yp:YoungPerson {id: $young_person_id})
SET yp._lock = true
REMOVE yp._lock
WITH yp
MERGE (yp)-[:HAS_BOOK]->(b:JourneyBook)
SET b.own_words = $own_words, b.family_picture = $family_picture, b.people = $people,
    b.timeline = $timeline, b.messages = $messages, b.leave_out = $leave_out,
    b.agreed_on = $agreed_on, b.user_id = $user_id, b.updated_at = datetime()
RETURN yp.id AS id
