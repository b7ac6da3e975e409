// A flag as `service/data/flags.as_seen` reads it (given `p`, the person, `f`, the flag, and
// `u`, its author or null): whom to ask about it, and in what it says, each change made to it
// (what it said before, who changed it, when and why); with whose words each part is: the
// source the case's it was raised under, the details the case's that wrote them, a change's
// reason the case's it was made through.
f {.id, .status, person_id: p.id,
   raised_in: f.raised_in, details_of: coalesce(f.details_of, f.raised_in),
   ask: coalesce(u.display_name, 'the author') + coalesce(', ' + u.job_title, '') +
        coalesce(', team ' + u.team, ''),
   content: f {.kind, .level, .source, .details, .raised_on, .review_on, .expires_on,
               changes: COLLECT {
                 MATCH (f)-[:REVISED]->(r:FlagRevision)
                 OPTIONAL MATCH (by:User {id: r.user_id})
                 // Ordered before the map: after it, `r.changed_at` is the text, which drops a
                 // fraction's trailing zeros (.12 after .123).
                 WITH f, r, by ORDER BY r.changed_at
                 // A revision from before its case was kept: the flag's own case's.
                 RETURN r {.changed, .reason, .status, .review_on, .expires_on,
                           .details, changed_at: toString(r.changed_at),
                           through: coalesce(r.through, f.raised_in),
                           details_of: coalesce(r.details_of, f.raised_in),
                           by: coalesce(by.display_name, 'unknown')}
               }}}
