// Change the properties of one relationship.
MATCH (:Person)-[r:PARENT_OF|PARTNER_OF|SIBLING_OF|TRUSTED_ADULT_OF {id: $id}]->(:Person)
SET r += $props
RETURN r.id AS id
