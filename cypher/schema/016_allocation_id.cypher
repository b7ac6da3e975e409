// Allocations of workers to young people are found by their service-issued id.
CREATE CONSTRAINT allocation_id_unique IF NOT EXISTS
FOR ()-[r:ALLOCATED_TO]-() REQUIRE r.id IS UNIQUE
