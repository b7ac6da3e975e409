// Celebration events are found by their service-issued id (invitations, attendance).
CREATE CONSTRAINT celebration_event_id_unique IF NOT EXISTS
FOR (e:CelebrationEvent) REQUIRE e.id IS UNIQUE
