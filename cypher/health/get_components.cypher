// The kernel's name, version and edition: what /health reports.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
