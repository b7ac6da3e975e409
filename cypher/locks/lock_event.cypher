// Take the write lock of a celebration event for the rest of the transaction (a property
// written and removed). An invitation takes it before it reads who is already invited: two
// invitations to one event at once are decided one after the other, and the second sees the
// first (a court order between two guests is then never missed by both).
MATCH (e:CelebrationEvent {id: $id})
SET e._lock = true
REMOVE e._lock
RETURN e.id AS id
