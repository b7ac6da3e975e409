// Raise the data's revision: run by every transaction that changes data, inside it
// (service.db.in_write), so that what a read kept (service.readcache) is not given again once
// anything has changed. One node; its lock orders concurrent changes. Its epoch is drawn when
// it is made, so that a database emptied and filled again never repeats a revision.
MERGE (r:Revision {id: 'data'})
  ON CREATE SET r.epoch = randomUUID()
SET r.n = coalesce(r.n, 0) + 1
