// External ids are no longer unique across the council: the same id recorded in two cases
// must not be refused (the refusal would tell one case that the other exists). A duplicate
// within what a caller can see is refused by the write itself; duplicates across cases are
// listed for merging (`GET /duplicates`). This drops the constraint of earlier versions.
DROP CONSTRAINT external_id_unique IF EXISTS
