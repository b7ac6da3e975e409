// Delete one relationship.
MATCH (:Person)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF {id: $id}]->(:Person)
DELETE r
RETURN count(*) AS deleted
