// Take the lock of the council's usernames for the rest of the transaction, before a check that
// no account holds a username but for case: two accounts made at once as "J.Smith" and
// "j.smith" are then checked one after the other, the second seeing the first.
MERGE (l:Lock {id: 'usernames'})
SET l._lock = true
REMOVE l._lock
RETURN l.id AS id
