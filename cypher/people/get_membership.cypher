// Whether a person still is, and is in the case $young_person_id: for a write that found
// nothing to change, to say why (gone or taken out meanwhile: 404; a young person, or already
// done: its own answer). Nothing for nobody.
MATCH (p:Person {id: $id})
RETURN p:YoungPerson AS young_person,
       EXISTS { (p)-[:IN_NETWORK_OF]->(:YoungPerson {id: $young_person_id}) } AS member
