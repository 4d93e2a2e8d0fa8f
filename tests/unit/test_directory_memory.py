"""The directory as answers read it: from memory while the identity store is unchanged, read
again once anything in it changed — by this process or another one."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from domain.identity.application import IdentityApplication
from domain.identity.model import Role, Sector
from gateway.directory import AnswerDirectory, DirectoryMemory

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}


class Counting:
    """The identity application, counting what is read from its store."""

    def __init__(self, identity: IdentityApplication) -> None:
        self.identity, self.reads = identity, 0
        self.recorder = identity.recorder

    def organisation(self, organisation_id: UUID) -> Any:
        self.reads += 1
        return self.identity.organisation(organisation_id)

    def professional(self, professional_id: UUID) -> Any:
        self.reads += 1
        return self.identity.professional(professional_id)


@pytest.fixture
def identity() -> IdentityApplication:
    return IdentityApplication(env=POPO)


def _school(identity: IdentityApplication) -> tuple[UUID, UUID]:
    school = identity.register_organisation("De Regenboog", Sector.ONDERWIJS, "GM0363")
    mentor = identity.register_professional(
        school, "Mira Mentor", "mira@regenboog.nl", None, (Role.SIGNALLER,)
    )
    return school, mentor


def _answer(identity: Any, memory: DirectoryMemory, school: UUID, mentor: UUID) -> tuple[str, str]:
    directory = AnswerDirectory(identity, memory)
    return directory.organisation(school).name, directory.professional(mentor).name


def test_answers_at_an_unchanged_store_read_each_entry_once(identity: IdentityApplication) -> None:
    school, mentor = _school(identity)
    counting, memory = Counting(identity), DirectoryMemory()

    for _ in range(3):
        assert _answer(counting, memory, school, mentor) == ("De Regenboog", "Mira Mentor")

    assert counting.reads == 2


def test_any_change_to_the_store_is_read_again(identity: IdentityApplication) -> None:
    school, mentor = _school(identity)
    counting, memory = Counting(identity), DirectoryMemory()
    _answer(counting, memory, school, mentor)

    identity.register_professional(school, "Nina Nieuw", "nina@regenboog.nl", None, (Role.SIGNALLER,))
    _answer(counting, memory, school, mentor)

    assert counting.reads == 4


def test_an_answer_keeps_the_directory_it_started_with(identity: IdentityApplication) -> None:
    school, mentor = _school(identity)
    memory = DirectoryMemory()
    first = AnswerDirectory(identity, memory)
    first.organisation(school)
    identity.register_professional(school, "Nina Nieuw", "nina@regenboog.nl", None, (Role.SIGNALLER,))
    AnswerDirectory(identity, memory).organisation(school)  # a later answer starts the memory over

    assert first.professional(mentor).name == "Mira Mentor"
    assert memory.professionals == {}  # the first answer's read went to its own memory


def test_an_unknown_entry_is_not_remembered(identity: IdentityApplication) -> None:
    memory = DirectoryMemory()
    with pytest.raises(Exception, match="no professional"):
        AnswerDirectory(identity, memory).professional(UUID(int=1))
    assert memory.professionals == {}
