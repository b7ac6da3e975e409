"""Every setting of the service, read from the environment and `.env`.

Neo4j's own connection settings keep the names Neo4j tools use (`NEO4J_URI`, ...); the
service's settings start with `LL_`. The README lists them all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_MEMORY = r"^[0-9]+[kmgKMG]?$"


def normalise_origin(value: str) -> str | None:
    """`scheme://host[:port]` in lower case, or None when `value` is not a web origin."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return None
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def _default_cache_dir() -> Path:
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lifelong-links"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        frozen=True,
    )

    neo4j_uri: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_URI", "neo4j_uri"),
        description="Bolt URI of an existing Neo4j; unset means start the local one.",
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "neo4j_user")
    )
    neo4j_password: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_PASSWORD", "neo4j_password"),
        description="Required with NEO4J_URI; for the local server, generated once when unset.",
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "neo4j_database")
    )
    neo4j_connect_timeout: float = Field(
        default=2.0,
        gt=0,
        le=60,
        validation_alias=AliasChoices("NEO4J_CONNECT_TIMEOUT", "neo4j_connect_timeout"),
    )
    neo4j_query_timeout: float = Field(
        default=10.0,
        gt=0,
        le=600,
        validation_alias=AliasChoices("NEO4J_QUERY_TIMEOUT", "neo4j_query_timeout"),
    )

    host: str = Field(default="127.0.0.1", validation_alias=AliasChoices("LL_HOST", "host"))
    port: int = Field(
        default=8000, ge=1, le=65535, validation_alias=AliasChoices("LL_PORT", "port")
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        default="info", validation_alias=AliasChoices("LL_LOG_LEVEL", "log_level")
    )
    gedcom_max_bytes: int = Field(
        default=20_000_000,
        gt=0,
        le=200_000_000,
        description="The largest GEDCOM file an import accepts, in bytes.",
        validation_alias=AliasChoices("LL_GEDCOM_MAX_BYTES", "gedcom_max_bytes"),
    )
    gedcom_max_people: int = Field(
        default=20_000,
        gt=0,
        le=1_000_000,
        description="The most individuals a GEDCOM file may hold: all of them are imported in "
        "one transaction, and Neo4j's default 512m heap takes 20,000 (bench/gedcom_import.py).",
        validation_alias=AliasChoices("LL_GEDCOM_MAX_PEOPLE", "gedcom_max_people"),
    )
    health_timeout: float = Field(
        default=1.5,
        gt=0,
        le=30,
        validation_alias=AliasChoices("LL_HEALTH_TIMEOUT", "health_timeout"),
    )
    read_deadline: float = Field(
        default=5.0,
        gt=0,
        le=600,
        description="Seconds a read (GET, HEAD) may take before it answers 503; writes are "
        "never cut short.",
        validation_alias=AliasChoices("LL_READ_DEADLINE", "read_deadline"),
    )
    read_cache_size: int = Field(
        default=256,
        ge=0,
        le=100_000,
        description="Answers of the busiest reads (the map's graph and chains, relatives, "
        "safeguarding) kept for the next read of the same case while the data has not changed; "
        "0 keeps none.",
        validation_alias=AliasChoices("LL_READ_CACHE_SIZE", "read_cache_size"),
    )
    read_cache_seconds: float = Field(
        default=60.0,
        gt=0,
        le=3600,
        description="The longest an answer is kept, for data written to Neo4j without the "
        "service (what the service writes is seen at once).",
        validation_alias=AliasChoices("LL_READ_CACHE_SECONDS", "read_cache_seconds"),
    )
    startup_timeout: float = Field(
        default=30.0,
        ge=0,
        le=600,
        validation_alias=AliasChoices("LL_STARTUP_TIMEOUT", "startup_timeout"),
    )
    demo_data: bool = Field(
        default=False, validation_alias=AliasChoices("LL_DEMO_DATA", "demo_data")
    )
    cypher_dir: Path = Field(
        default=Path(__file__).resolve().parent.parent / "cypher",
        validation_alias=AliasChoices("LL_CYPHER_DIR", "cypher_dir"),
    )

    # Authentication. The first admin token lets `make run` and scripts start work.
    admin_token: SecretStr | None = Field(
        default=None, min_length=24, validation_alias=AliasChoices("LL_ADMIN_TOKEN", "admin_token")
    )
    token_max_days: int = Field(
        default=365,
        ge=1,
        le=3650,
        validation_alias=AliasChoices("LL_TOKEN_MAX_DAYS", "token_max_days"),
    )
    signin_failures_per_minute: int = Field(
        default=20,
        ge=1,
        le=100_000,
        description="Failed sign-ins one client address may make in any 60 seconds; beyond, "
        "every request from it is answered 429 until the oldest failure is a minute old.",
        validation_alias=AliasChoices(
            "LL_SIGNIN_FAILURES_PER_MINUTE", "signin_failures_per_minute"
        ),
    )
    signin_user_failures_per_minute: int = Field(
        default=10,
        ge=1,
        le=100_000,
        description="Failed sign-ins with one user's refused credentials (a revoked or expired "
        "token, a disabled account) in any 60 seconds, from any address; beyond, they are "
        "answered 429. The user's valid credentials are not affected.",
        validation_alias=AliasChoices(
            "LL_SIGNIN_USER_FAILURES_PER_MINUTE", "signin_user_failures_per_minute"
        ),
    )
    oidc_issuer: str | None = Field(
        default=None, validation_alias=AliasChoices("LL_OIDC_ISSUER", "oidc_issuer")
    )
    oidc_audience: str | None = Field(
        default=None, validation_alias=AliasChoices("LL_OIDC_AUDIENCE", "oidc_audience")
    )
    oidc_role_claim: str = Field(
        default="roles", validation_alias=AliasChoices("LL_OIDC_ROLE_CLAIM", "oidc_role_claim")
    )
    oidc_team_claim: str | None = Field(
        default=None, validation_alias=AliasChoices("LL_OIDC_TEAM_CLAIM", "oidc_team_claim")
    )
    oidc_jwks_url: str | None = Field(
        default=None, validation_alias=AliasChoices("LL_OIDC_JWKS_URL", "oidc_jwks_url")
    )
    oidc_client_ids: str = Field(
        default="",
        description="Comma-separated client (application) ids whose tokens are accepted, "
        "checked against `azp` or `appid`; empty: any client the provider issued to.",
        validation_alias=AliasChoices("LL_OIDC_CLIENT_IDS", "oidc_client_ids"),
    )

    # Network maps embedded in other council systems.
    embed_secret: SecretStr | None = Field(
        default=None,
        min_length=32,
        description="Key that signs embed tokens; unset means a new random key at each start.",
        validation_alias=AliasChoices("LL_EMBED_SECRET", "embed_secret"),
    )
    embed_origins: str = Field(
        default="",
        description="Comma-separated origins allowed to embed maps in an iframe.",
        validation_alias=AliasChoices("LL_EMBED_ORIGINS", "embed_origins"),
    )
    embed_minutes: int = Field(
        default=10,
        ge=1,
        le=60,
        description="How long an embed token lasts unless the request asks for less.",
        validation_alias=AliasChoices("LL_EMBED_MINUTES", "embed_minutes"),
    )
    public_url: str | None = Field(
        default=None,
        description="The service's address as browsers see it, for links; default http://host:port.",
        validation_alias=AliasChoices("LL_PUBLIC_URL", "public_url"),
    )

    # The local Neo4j that `make run` starts when NEO4J_URI is unset.
    data_dir: Path = Field(
        default=Path("var"), validation_alias=AliasChoices("LL_DATA_DIR", "data_dir")
    )
    cache_dir: Path = Field(
        default_factory=_default_cache_dir,
        validation_alias=AliasChoices("LL_CACHE_DIR", "cache_dir"),
    )
    neo4j_bolt_port: int = Field(
        default=7687,
        ge=1,
        le=65535,
        validation_alias=AliasChoices("LL_NEO4J_BOLT_PORT", "neo4j_bolt_port"),
    )
    neo4j_heap: str = Field(
        default="512m",
        pattern=_MEMORY,
        validation_alias=AliasChoices("LL_NEO4J_HEAP", "neo4j_heap"),
    )
    neo4j_pagecache: str = Field(
        default="512m",
        pattern=_MEMORY,
        validation_alias=AliasChoices("LL_NEO4J_PAGECACHE", "neo4j_pagecache"),
    )

    @field_validator("neo4j_uri")
    @classmethod
    def _known_scheme(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        schemes = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
        scheme = value.split("://", 1)[0]
        if "://" not in value or scheme not in schemes:
            raise ValueError(
                f"NEO4J_URI must start with one of {', '.join(s + '://' for s in schemes)}"
            )
        return value

    @field_validator("embed_secret", "public_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("embed_origins")
    @classmethod
    def _origins(cls, value: str) -> str:
        for origin in (o.strip() for o in value.split(",") if o.strip()):
            if normalise_origin(origin) != origin:
                raise ValueError(
                    f"LL_EMBED_ORIGINS: {origin!r} is not an origin such as https://case.example.gov.uk"
                )
        return value

    @property
    def allowed_oidc_clients(self) -> frozenset[str]:
        return frozenset(c.strip() for c in self.oidc_client_ids.split(",") if c.strip())

    @property
    def allowed_embed_origins(self) -> frozenset[str]:
        return frozenset(o.strip() for o in self.embed_origins.split(",") if o.strip())

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def browsers_say_where_pages_go(self) -> bool:
        """Whether browsers send Fetch Metadata (`Sec-Fetch-Dest`) to the service's address,
        as they do to https addresses and to this machine's own: an embed link made for a frame
        opens only when the browser says the page goes into one."""
        from ipaddress import ip_address
        from urllib.parse import urlsplit

        parts = urlsplit(self.base_url)
        host = (parts.hostname or "").lower()
        if parts.scheme == "https" or host == "localhost" or host.endswith(".localhost"):
            return True
        try:
            return ip_address(host).is_loopback
        except ValueError:
            return False

    @property
    def local_home(self) -> Path:
        """Home of the local Neo4j: its config, data, logs and generated password."""
        return (self.data_dir / "neo4j").resolve()
