"""Data the service starts with: the demo case now; GEDCOM imports and a synthetic council later."""
