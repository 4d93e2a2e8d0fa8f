"""SASL/TLS settings reach every Kafka client keten makes: kafka-python's producer, consumer and
admin, and faststream's broker (aiokafka) — and no module makes a client any other way."""

from __future__ import annotations

import ast
import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram512
from pydantic import ValidationError

from kernel import kafka_clients
from kernel.kafka_access import KafkaAccess, kafka_access

SRC = Path(__file__).resolve().parents[2] / "src"
CLIENTS = {"KafkaProducer", "KafkaConsumer", "KafkaAdminClient", "KafkaBroker", "AIOKafkaConsumer",
           "AIOKafkaProducer", "AIOKafkaAdminClient"}  # fmt: skip
SASL_SSL = {
    "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
    "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
    "KAFKA_SASL_USERNAME": "keten-relay",
    "KAFKA_SASL_PASSWORD": "s3cret",
}


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate and its key: a cluster's CA, or a client's own certificate."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kafka.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_file, key_file = tmp_path / "ca.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """A clean Kafka environment; the process-wide settings are read again afterwards."""
    for name in (*SASL_SSL, "KAFKA_SSL_CAFILE", "KAFKA_SSL_CERTFILE", "KAFKA_SSL_KEYFILE"):
        monkeypatch.delenv(name, raising=False)
    kafka_access.cache_clear()
    yield monkeypatch
    kafka_access.cache_clear()


@pytest.fixture
def sasl_over_tls(environment: pytest.MonkeyPatch, certificate: tuple[Path, Path]) -> Path:
    """SCRAM over TLS with a CA file of its own; returns the CA file."""
    for name, value in SASL_SSL.items():
        environment.setenv(name, value)
    environment.setenv("KAFKA_SSL_CAFILE", str(certificate[0]))
    return certificate[0]


def test_unset_every_client_speaks_plaintext(environment: pytest.MonkeyPatch) -> None:
    assert kafka_access().kafka_python() == {"security_protocol": "PLAINTEXT"}
    assert kafka_access().aiokafka() == {"security_protocol": "PLAINTEXT"}
    assert kafka_access().faststream() is None


def test_sasl_over_tls_gives_kafka_python_its_options(sasl_over_tls: Path) -> None:
    assert kafka_access().kafka_python() == {
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "keten-relay",
        "sasl_plain_password": "s3cret",
        "ssl_cafile": str(sasl_over_tls),
    }


def test_sasl_over_tls_gives_faststream_a_scram_security_with_the_ca(sasl_over_tls: Path) -> None:
    security = kafka_access().faststream()

    assert isinstance(security, SASLScram512) and security.use_ssl
    assert (security.username, security.password) == ("keten-relay", "s3cret")
    assert security.ssl_context is not None and security.ssl_context.get_ca_certs()


def test_sasl_over_tls_gives_the_rebuilds_aiokafka_reader_its_options_and_the_ca(sasl_over_tls: Path) -> None:
    options = kafka_access().aiokafka()

    context = options.pop("ssl_context")
    assert options == {
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "keten-relay",
        "sasl_plain_password": "s3cret",
    }
    assert context.get_ca_certs()


def test_sasl_without_tls_is_plain_sasl(environment: pytest.MonkeyPatch) -> None:
    access = KafkaAccess(
        security_protocol="SASL_PLAINTEXT", sasl_mechanism="PLAIN", sasl_username="u", sasl_password="p"
    )

    security = access.faststream()

    assert isinstance(security, SASLPlaintext) and not security.use_ssl and security.ssl_context is None
    assert "ssl_cafile" not in access.kafka_python() and "ssl_context" not in access.aiokafka()


def test_mutual_tls_loads_the_client_certificate(
    environment: pytest.MonkeyPatch, certificate: tuple[Path, Path]
) -> None:
    access = KafkaAccess(security_protocol="SSL", ssl_certfile=certificate[0], ssl_keyfile=certificate[1])

    security = access.faststream()

    assert type(security) is BaseSecurity and security.use_ssl and security.ssl_context is not None
    assert access.kafka_python()["ssl_certfile"] == str(certificate[0])


@pytest.mark.parametrize(
    ("settings", "complaint"),
    [
        ({"security_protocol": "SASL_SSL", "sasl_mechanism": "PLAIN"}, "KAFKA_SASL_USERNAME"),
        ({"sasl_mechanism": "PLAIN"}, "is not SASL_"),
        ({"security_protocol": "SSL", "ssl_certfile": "a.pem"}, "go together"),
        ({"security_protocol": "TLS"}, "security_protocol"),
        ({"security_protocol": "SASL_SSL", "sasl_mechanism": "GSSAPI"}, "sasl_mechanism"),
    ],
)
def test_incomplete_or_unknown_settings_are_refused_at_start(
    environment: pytest.MonkeyPatch, settings: dict[str, Any], complaint: str
) -> None:
    with pytest.raises(ValidationError, match=complaint):
        KafkaAccess(**settings)


def test_the_password_is_not_in_the_settings_repr(environment: pytest.MonkeyPatch) -> None:
    for name, value in SASL_SSL.items():
        environment.setenv(name, value)

    assert "s3cret" not in repr(kafka_access())


class Recorded:
    """Stands in for a client class: records what it was built with."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs


@pytest.mark.parametrize(
    ("factory", "client"),
    [
        ("producer", "KafkaProducer"),
        ("consumer", "KafkaConsumer"),
        ("admin", "KafkaAdminClient"),
        ("aio_consumer", "AIOKafkaConsumer"),
    ],
)
def test_each_client_made_directly_is_built_with_the_options(
    environment: pytest.MonkeyPatch, factory: str, client: str
) -> None:
    for name, value in SASL_SSL.items():
        environment.setenv(name, value)
    environment.setattr(kafka_clients, client, Recorded)

    built = getattr(kafka_clients, factory)("kafka-1:9093", client_id="keten")

    assert built.kwargs["bootstrap_servers"] == "kafka-1:9093" and built.kwargs["client_id"] == "keten"
    assert built.kwargs["security_protocol"] == "SASL_SSL"
    assert built.kwargs["sasl_plain_username"] == "keten-relay"


def test_the_consumers_broker_is_built_with_the_security(environment: pytest.MonkeyPatch) -> None:
    for name, value in SASL_SSL.items():
        environment.setenv(name, value)
    environment.setattr(kafka_clients, "KafkaBroker", Recorded)

    built = kafka_clients.broker("kafka-1:9093", graceful_timeout=5)

    assert built.args == ("kafka-1:9093",) and isinstance(built.kwargs["security"], SASLScram512)


def test_no_module_builds_a_kafka_client_but_kernel_kafka_clients() -> None:
    allowed = SRC / "kernel" / "kafka_clients.py"
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and path != allowed:
                called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                assert called not in CLIENTS, f"{path.relative_to(SRC)} builds a {called} itself"
