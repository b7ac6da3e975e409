// The case whose flag `f` (on the person `p`) is: the case it was raised under, while that case
// still holds them (its young person, or a member of its network); null for a flag raised
// before that was recorded, by the synthetic council, or under a case that has since taken the
// person out. That case's workers alone change it (`routes/flags.update_flag`) and read what it
// says in that case's words (`data/flags.as_seen`).
CASE WHEN p.id = f.raised_in
       OR EXISTS { (p)-[:IN_NETWORK_OF]->(:YoungPerson {id: f.raised_in}) }
     THEN f.raised_in END
