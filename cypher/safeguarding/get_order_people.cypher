// The two people a court order is between, by the order's id, and the case whose order it is
// to change: the case it was made through, while that case still holds both (its young person,
// or members of its network); null for an order made before that was recorded, or through a
// case that has since taken either out, so that the cases that hold both now can end it (a
// second reader: nobody could; its terms stay that case's words, `service.data.safeguarding`).
MATCH (r:Person)-[o:RESTRICTED_BY_ORDER {id: $id}]->(p:Person)
RETURN r.id AS restricted_id, p.id AS protected_id,
       CASE WHEN all(x IN [r, p] WHERE x.id = o.made_in
                     OR EXISTS { (x)-[:IN_NETWORK_OF]->(:YoungPerson {id: o.made_in}) })
            THEN o.made_in END AS made_in
