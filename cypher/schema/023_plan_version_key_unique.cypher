// One version of each number per young person's plan (`young person id:number`).
CREATE CONSTRAINT plan_version_key_unique IF NOT EXISTS
FOR (v:PlanVersion) REQUIRE v.key IS UNIQUE
