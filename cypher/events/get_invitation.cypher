// A connection's invitation to an event now (an invitation withdrawn is kept, and is not one):
// whether there is one, what was recorded of their coming, and whether they are invited to
// another event still or came to one. Inviting again changes nothing, and nothing is checked (a
// flag raised since is the social worker's, not a refusal of what was done before).
OPTIONAL MATCH (:CelebrationEvent {id: $event_id})-[i:INVITED]->(:Connection {id: $connection_id})
  WHERE i.withdrawn_on IS NULL
RETURN i IS NOT NULL AS invited, i.attended AS attended,
       EXISTS { (e:CelebrationEvent)-[o:INVITED]->(:Connection {id: $connection_id})
                WHERE e.id <> $event_id AND (o.withdrawn_on IS NULL OR o.attended) } AS others
