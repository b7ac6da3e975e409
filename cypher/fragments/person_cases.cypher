// The cases that hold `p` or took them out, as `service.data.safeguarding.withheld` reads them
// to decide whether a case may name `p`: [young person's id, team, held].
[(p)-[c:IN_NETWORK_OF|REMOVED_FROM]->(y:YoungPerson)
 | [y.id, coalesce(y.team, 'unknown'), type(c) = 'IN_NETWORK_OF']]
