// One user per OpenID Connect subject.
CREATE CONSTRAINT user_oidc_subject_unique IF NOT EXISTS
FOR (u:User) REQUIRE u.oidc_subject IS UNIQUE
