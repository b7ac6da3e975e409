// The person a flag is on, and the case whose flag it is to change: the case it was raised
// under, while that case still holds them (its young person, or a member of its network); null
// for a flag raised before that was recorded, by the synthetic council, or under a case that
// has since taken the person out, so that the cases that hold them now can change it (what it
// says stays each writing case's: `service/data/flags.as_seen`).
MATCH (p:Person)-[:HAS_FLAG]->(f:Flag {id: $id})
RETURN p.id AS person_id,
       CASE WHEN p.id = f.raised_in
              OR EXISTS { (p)-[:IN_NETWORK_OF]->(:YoungPerson {id: f.raised_in}) }
            THEN f.raised_in END AS raised_in
