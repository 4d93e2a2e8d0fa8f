"""Failures of the surroundings, not of any one record: a broker or a database away for a
while. Whoever handles one record waits and tries again for these, and never parks or
dead-letters the record because of them."""

from __future__ import annotations

import sqlite3

import aiokafka.errors
import kafka.errors
import psycopg

ENVIRONMENT: tuple[type[Exception], ...] = (
    kafka.errors.KafkaError,
    aiokafka.errors.KafkaError,
    sqlite3.OperationalError,
    psycopg.OperationalError,
)
