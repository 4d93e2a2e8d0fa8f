"""How keten's Kafka clients authenticate to a real cluster: SASL and TLS, from the environment.

The variables are read without keten's prefix, as Kafka tools name them (README "Broker
access"). Every client keten makes — the relay's producer and admin, the consumers (faststream
over aiokafka), the rebuild's reader — is built by `kernel.kafka_clients` with these options,
so none connects without them. Unset, a client speaks PLAINTEXT, as to the embedded broker.
"""

from __future__ import annotations

import ssl
from functools import cache
from pathlib import Path
from typing import Any, Literal

from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Protocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
Mechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]
_SASL_SECURITY = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}


class KafkaAccess(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KAFKA_", extra="ignore")

    security_protocol: Protocol = "PLAINTEXT"
    sasl_mechanism: Mechanism | None = None
    sasl_username: str | None = None
    sasl_password: SecretStr | None = Field(default=None, repr=False)
    ssl_cafile: Path | None = None  # unset: the system's trusted authorities
    ssl_certfile: Path | None = None  # a client certificate (mutual TLS), with its key file
    ssl_keyfile: Path | None = None

    @model_validator(mode="after")
    def _complete(self) -> KafkaAccess:
        if self.sasl and not (self.sasl_mechanism and self.sasl_username and self.sasl_password):
            raise ValueError(
                f"KAFKA_SECURITY_PROTOCOL={self.security_protocol} needs KAFKA_SASL_MECHANISM, "
                "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD"
            )
        if not self.sasl and self.sasl_mechanism is not None:
            raise ValueError("KAFKA_SASL_MECHANISM is set, but KAFKA_SECURITY_PROTOCOL is not SASL_*")
        if (self.ssl_certfile is None) != (self.ssl_keyfile is None):
            raise ValueError("KAFKA_SSL_CERTFILE and KAFKA_SSL_KEYFILE go together")
        return self

    @property
    def sasl(self) -> bool:
        return self.security_protocol.startswith("SASL_")

    @property
    def tls(self) -> bool:
        return self.security_protocol in ("SSL", "SASL_SSL")

    def kafka_python(self) -> dict[str, Any]:
        """Options for kafka-python's KafkaProducer, KafkaConsumer and KafkaAdminClient."""
        files = {
            "ssl_cafile": self.ssl_cafile,
            "ssl_certfile": self.ssl_certfile,
            "ssl_keyfile": self.ssl_keyfile,
        }
        tls = {name: str(path) for name, path in files.items() if path is not None} if self.tls else {}
        return {"security_protocol": self.security_protocol, **self._sasl_options(), **tls}

    def aiokafka(self) -> dict[str, Any]:
        """Options for aiokafka's clients made directly (the rebuild's reader)."""
        tls = {"ssl_context": self.ssl_context()} if self.tls else {}
        return {"security_protocol": self.security_protocol, **self._sasl_options(), **tls}

    def _sasl_options(self) -> dict[str, Any]:
        """The SASL options kafka-python and aiokafka name alike."""
        if not self.sasl:
            return {}
        return {
            "sasl_mechanism": self.sasl_mechanism,
            "sasl_plain_username": self.sasl_username,
            "sasl_plain_password": self._password(),
        }

    def faststream(self) -> BaseSecurity | None:
        """faststream's security object for its KafkaBroker (aiokafka underneath); None: PLAINTEXT."""
        context = self.ssl_context() if self.tls else None
        if self.sasl:
            kind = _SASL_SECURITY[str(self.sasl_mechanism)]
            return kind(str(self.sasl_username), self._password(), ssl_context=context, use_ssl=self.tls)
        return BaseSecurity(ssl_context=context, use_ssl=True) if self.tls else None

    def ssl_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(self.ssl_cafile) if self.ssl_cafile else None)
        if self.ssl_certfile is not None:
            context.load_cert_chain(str(self.ssl_certfile), str(self.ssl_keyfile))
        return context

    def _password(self) -> str:
        return self.sasl_password.get_secret_value() if self.sasl_password else ""


@cache
def kafka_access() -> KafkaAccess:
    """The process's settings, read once."""
    return KafkaAccess()
