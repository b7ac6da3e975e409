// Whether a connection is already invited to an event: inviting them again changes nothing,
// and nothing is checked (a flag raised since is the social worker's, not a refusal of what
// was done before).
OPTIONAL MATCH (:CelebrationEvent {id: $event_id})-[i:INVITED]->(:Connection {id: $connection_id})
RETURN i IS NOT NULL AS invited
