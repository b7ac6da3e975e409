// Managers reach the young people of their team.
CREATE INDEX young_person_team IF NOT EXISTS
FOR (y:YoungPerson) ON (y.team)
