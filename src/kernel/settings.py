"""Every setting comes from the environment (prefix KETEN_), with embedded defaults."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MAX_SIGNAL_ACTIVE_DAYS = 731  # Jw 7.1.4.5: removal no later than two years after registration


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KETEN_", extra="ignore")

    data_dir: Path = Path("var")
    host: str = "127.0.0.1"
    port: int = 8000
    # Unset: keten starts the embedded broker. Read without prefix, as Kafka tools do.
    kafka_bootstrap_servers: str | None = Field(default=None, validation_alias="KAFKA_BOOTSTRAP_SERVERS")
    # eventsourcing's own variable: eventsourcing.sqlite (default) or eventsourcing.postgres.
    persistence_module: str = Field(default="eventsourcing.sqlite", validation_alias="PERSISTENCE_MODULE")
    # Tansu creates topics it is asked about with 4 partitions; agree with it.
    topic_partitions: int = 4
    # Unset: two calendar years. Never more than 731 days (two years that hold a 29 February).
    signal_active_days: int | None = Field(default=None, ge=1, le=MAX_SIGNAL_ACTIVE_DAYS)
    relay_poll_seconds: float = 0.1
    # A record that fails by itself is tried this often, pausing 0.5 s, 1 s, 2 s, … in between
    # (the first pause is relay_backoff_seconds), and then parked.
    relay_attempts: int = Field(default=5, ge=1)
    relay_backoff_seconds: float = Field(default=0.5, ge=0)
    # How long a query waits for its view to show the caller's own writes (README "Running at scale").
    read_your_writes_seconds: float = Field(default=5.0, gt=0)
    token_ttl_hours: int = 12
    # Transport limits of the gateway (README "Transport limits").
    max_body_bytes: int = Field(default=256 * 1024, ge=4096)
    request_timeout_seconds: float = Field(default=10.0, gt=0)
    # Throttles (README "Throttling"): failed authentications per client address in a window,
    # and signal registrations per professional per hour.
    auth_failure_limit: int = Field(default=60, ge=1)
    auth_failure_window_seconds: float = Field(default=60.0, gt=0)
    signals_per_hour: int = Field(default=60, ge=1)
    # Failed web sign-ins per account (e-mail address) within 15 minutes before it is held.
    sign_in_failure_limit: int = Field(default=5, ge=1)
    # Where professionals reach keten: the base of activation and sign-in links in mails and
    # on the terminal. Unset: http://HOST:PORT.
    public_url: str | None = None
    # E-mail on a match (README "E-mail on a match"): unset host writes .eml files under the data dir.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_starttls: bool = True
    smtp_user: str | None = None
    smtp_password: str | None = Field(default=None, repr=False)
    mail_from: str = "keten <noreply@keten.invalid>"
    consumer_group_prefix: str = "keten"
    # Readiness (README "Health and metrics"): /readyz answers 503 while a relay has more
    # unpublished events, or a consumer more unread records, than these.
    ready_relay_lag: int = Field(default=1000, ge=0, le=10_000)
    ready_consumer_lag: int = Field(default=1000, ge=0)
    # Secrets: taken from the environment when set, else created in the data dir (mode 0600).
    token_signing_key: str | None = None
    cipher_key: str | None = None
    pepper: str | None = None
    master_key: str | None = None
    # For end-to-end tests only: a file holding a number of seconds the clock runs ahead.
    test_clock_file: Path | None = None

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def embedded_broker(self) -> bool:
        return self.kafka_bootstrap_servers is None
