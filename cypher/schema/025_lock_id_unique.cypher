// Locks that are not of one node (cypher/locks/lock_usernames.cypher): each is one node, made
// once however many transactions ask for it at the same moment.
CREATE CONSTRAINT lock_id_unique IF NOT EXISTS
FOR (l:Lock) REQUIRE l.id IS UNIQUE
