"""Read models on SQLite in memory, fed by hand-built records as the consumers receive them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest

from kernel.cloudevents import ReceivedEvent
from kernel.sqlstore import SQLiteDatabase
from projections.matches import MatchesView
from projections.signals import MySignalsView

SIGNALS_SOURCE, MATCHES_SOURCE = "/keten/multisignaal", "/keten/matching"
T0 = datetime(2026, 1, 12, 9, 30, tzinfo=UTC)
HERE, THERE = "11" * 32, "22" * 32  # keyed municipality references


class FakeOpener:
    """Opens what the test sealed by hand: 'sealed:<date>' under the young person's key."""

    def __init__(self) -> None:
        self.erased: set[str] = set()

    def open_or_erased(self, key_id: str, sealed: str) -> str:
        return "[erased]" if key_id in self.erased else sealed.removeprefix("sealed:")


@dataclass
class Feed:
    """Numbers records like the relay (per source) and the broker (per partition)."""

    topic: str
    source: str
    offsets: dict[int, int] = field(default_factory=dict)

    def record(
        self,
        kind: str,
        key: str,
        sequence: int,
        data: dict[str, Any],
        partition: int = 0,
        time: datetime | None = None,
    ) -> ReceivedEvent:
        offset = self.offsets.get(partition, 0)
        self.offsets[partition] = offset + 1
        return ReceivedEvent(self.source, sequence, kind, key, data, self.topic, partition, offset, time)


def at(minutes: int) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


# --- mySignals ---------------------------------------------------------------------------


@pytest.fixture
def opener() -> FakeOpener:
    return FakeOpener()


@pytest.fixture
def my_signals(opener: FakeOpener) -> MySignalsView:
    return MySignalsView(SQLiteDatabase(":memory:"), opener)


def signal_registered(subject: str, professional_id: str, expires_on: str = "2028-01-12") -> dict[str, Any]:
    return {
        "signalId": str(uuid4()),
        "subject": subject,
        "organisationId": str(uuid4()),
        "professionalId": professional_id,
        "municipalityRef": HERE,
        "registeredAt": at(0),
        "expiresOnSealed": f"sealed:{expires_on}",
    }


def signal_withdrawn(registered: dict[str, Any], minutes: int) -> dict[str, Any]:
    return {
        "signalId": registered["signalId"],
        "subject": registered["subject"],
        "endedAt": at(minutes),
        "reason": "RISK_GONE",
    }


def signal_expired(registered: dict[str, Any], minutes: int) -> dict[str, Any]:
    # An expiry may fall on the 23rd birthday: its time travels sealed.
    return {
        "signalId": registered["signalId"],
        "subject": registered["subject"],
        "endedAtSealed": f"sealed:{at(minutes)}",
    }


REGISTERED = "keten.multisignaal.SignalRegistered"
WITHDRAWN = "keten.multisignaal.SignalWithdrawn"
EXPIRED = "keten.multisignaal.SignalExpired"


def test_a_professional_sees_their_own_signals_with_status_and_dates(my_signals: MySignalsView) -> None:
    feed, mentor, subject = Feed("keten.signals.v1", SIGNALS_SOURCE), str(uuid4()), "aa" * 32
    first, second = signal_registered(subject, mentor), signal_registered("bb" * 32, mentor)
    my_signals.handle(feed.record(REGISTERED, subject, 2, first))
    my_signals.handle(feed.record(REGISTERED, "bb" * 32, 5, second))
    my_signals.handle(feed.record(WITHDRAWN, subject, 9, signal_withdrawn(first, 60)))
    my_signals.handle(feed.record(REGISTERED, "cc" * 32, 11, signal_registered("cc" * 32, str(uuid4()))))

    rows = {row.id: row for row in my_signals.of(mentor)}

    assert set(rows) == {first["signalId"], second["signalId"]}
    assert rows[first["signalId"]].status == "WITHDRAWN"
    assert rows[first["signalId"]].ended_at == T0 + timedelta(minutes=60)
    assert rows[second["signalId"]].expires_on == date(2028, 1, 12)
    assert [r.id for r in my_signals.of(mentor, "ACTIVE")] == [second["signalId"]]


def test_a_shredded_youth_key_leaves_the_signal_without_expiry_date(
    my_signals: MySignalsView, opener: FakeOpener
) -> None:
    feed, mentor, subject = Feed("keten.signals.v1", SIGNALS_SOURCE), str(uuid4()), "aa" * 32
    opener.erased.add(f"youth:{subject}")

    my_signals.handle(feed.record(REGISTERED, subject, 1, signal_registered(subject, mentor)))

    [row] = my_signals.of(mentor)
    assert row.expires_on is None


def test_a_repeated_or_older_sequence_of_the_same_key_is_dropped(my_signals: MySignalsView) -> None:
    feed, mentor, subject = Feed("keten.signals.v1", SIGNALS_SOURCE), str(uuid4()), "aa" * 32
    registered = signal_registered(subject, mentor)
    assert my_signals.handle(feed.record(REGISTERED, subject, 4, registered))

    # The relay re-publishes its tail: the same record, and an older one out of order.
    assert not my_signals.handle(feed.record(REGISTERED, subject, 4, registered))
    assert not my_signals.handle(feed.record(WITHDRAWN, subject, 3, signal_withdrawn(registered, 5)))

    [row] = my_signals.of(mentor)
    assert row.status == "ACTIVE"


def test_the_sequences_of_another_key_are_tracked_apart(my_signals: MySignalsView) -> None:
    feed, mentor = Feed("keten.signals.v1", SIGNALS_SOURCE), str(uuid4())
    ahead, behind = signal_registered("aa" * 32, mentor), signal_registered("bb" * 32, mentor)
    my_signals.handle(feed.record(REGISTERED, "aa" * 32, 40, ahead, partition=1))

    assert my_signals.handle(feed.record(REGISTERED, "bb" * 32, 2, behind, partition=2))
    assert my_signals.handle(feed.record(EXPIRED, "bb" * 32, 3, signal_expired(behind, 9), 2))

    rows = {r.id: r for r in my_signals.of(mentor)}
    assert rows[ahead["signalId"]].status == "ACTIVE"
    assert rows[behind["signalId"]].status == "EXPIRED"
    assert rows[behind["signalId"]].ended_at == T0 + timedelta(minutes=9)


def test_reset_empties_rows_tracking_and_offsets_so_a_replay_rebuilds(my_signals: MySignalsView) -> None:
    feed, mentor, subject = Feed("keten.signals.v1", SIGNALS_SOURCE), str(uuid4()), "aa" * 32
    record = feed.record(REGISTERED, subject, 4, signal_registered(subject, mentor))
    my_signals.handle(record)

    my_signals.reset()

    assert my_signals.of(mentor) == []
    assert my_signals.offsets() == {}
    assert my_signals.handle(record)
    assert len(my_signals.of(mentor)) == 1


def test_offsets_are_the_next_offset_per_topic_partition_even_for_duplicates(
    my_signals: MySignalsView,
) -> None:
    feed, mentor, subject = Feed("keten.signals.v1", SIGNALS_SOURCE), str(uuid4()), "aa" * 32
    registered = signal_registered(subject, mentor)
    my_signals.handle(feed.record(REGISTERED, subject, 1, registered, partition=0))
    my_signals.handle(feed.record(REGISTERED, subject, 1, registered, partition=0))
    my_signals.handle(feed.record(REGISTERED, "bb" * 32, 2, signal_registered("bb" * 32, mentor), 3))

    assert my_signals.offsets() == {
        ("keten.signals.v1", 0): (2, f"{SIGNALS_SOURCE}|1"),
        ("keten.signals.v1", 3): (1, f"{SIGNALS_SOURCE}|2"),
    }


def test_a_batch_applies_in_one_go_and_drops_what_it_already_holds(my_signals: MySignalsView) -> None:
    feed, mentor = Feed("keten.signals.v1", SIGNALS_SOURCE), str(uuid4())
    first, second = signal_registered("aa" * 32, mentor), signal_registered("bb" * 32, mentor)
    batch = [
        feed.record(REGISTERED, "aa" * 32, 1, first),
        feed.record(REGISTERED, "aa" * 32, 1, first),  # re-published inside the same fetch
        feed.record(WITHDRAWN, "aa" * 32, 2, signal_withdrawn(first, 5)),
        feed.record(REGISTERED, "bb" * 32, 3, second, partition=1),
    ]

    assert my_signals.handle_batch(batch) == 3
    assert my_signals.handle_batch(batch) == 0  # the whole fetch again: all seen

    rows = {r.id: r.status for r in my_signals.of(mentor)}
    assert rows == {first["signalId"]: "WITHDRAWN", second["signalId"]: "ACTIVE"}
    assert my_signals.offsets() == {
        ("keten.signals.v1", 0): (3, f"{SIGNALS_SOURCE}|2"),
        ("keten.signals.v1", 1): (1, f"{SIGNALS_SOURCE}|3"),
    }


def test_a_batch_that_fails_leaves_rows_sequences_and_offsets_as_they_were(my_signals: MySignalsView) -> None:
    feed, mentor = Feed("keten.signals.v1", SIGNALS_SOURCE), str(uuid4())
    good = signal_registered("aa" * 32, mentor)
    broken = {"signalId": str(uuid4())}  # no subject, no times: the view cannot apply it

    with pytest.raises(KeyError):
        my_signals.handle_batch(
            [feed.record(REGISTERED, "aa" * 32, 1, good), feed.record(REGISTERED, "bb" * 32, 2, broken)]
        )

    assert my_signals.of(mentor) == []
    assert my_signals.offsets() == {}
    assert my_signals.handle(feed.record(REGISTERED, "aa" * 32, 1, good))  # sequence 1 was not kept


# --- myMatches and municipalityMatches ---------------------------------------------------------


@dataclass(frozen=True)
class Party:
    organisation_id: str
    professional_id: str = field(default_factory=lambda: str(uuid4()))
    municipality_ref: str = HERE

    def at(self, minutes: int) -> dict[str, str]:
        return {
            "organisationId": self.organisation_id,
            "professionalId": self.professional_id,
            "municipalityRef": self.municipality_ref,
            "since": at(minutes),
        }


def party(municipality_ref: str = HERE) -> Party:
    return Party(str(uuid4()), municipality_ref=municipality_ref)


@pytest.fixture
def matches() -> MatchesView:
    return MatchesView(SQLiteDatabase(":memory:"))


@dataclass
class MatchStory:
    view: MatchesView
    match_id: str = field(default_factory=lambda: str(uuid4()))
    key: str = field(default_factory=lambda: uuid4().hex * 2)  # the young person's pseudonym
    feed: Feed = field(default_factory=lambda: Feed("keten.matches.v1", MATCHES_SOURCE))
    sequence: int = 0

    def tell(self, kind: str, **data: Any) -> bool:
        # Left and ended carry no time in their data (it could date a 23rd birthday): the
        # record's ce_time says when.
        self.sequence += 1
        record = self.feed.record(
            f"keten.matching.{kind}",
            self.key,
            self.sequence,
            {"matchId": self.match_id, **data},
            time=T0 + timedelta(minutes=self.sequence),
        )
        return self.view.handle(record)


def test_a_professional_sees_only_other_organisations_as_counterparts(matches: MatchesView) -> None:
    school, youth_care = party(), party(THERE)
    teacher = Party(school.organisation_id)
    story = MatchStory(matches)
    story.tell("MatchFound", since=at(5), participants=[school.at(0), youth_care.at(5)])
    story.tell("MatchJoined", participant=teacher.at(30))

    [mentors_match] = matches.for_professional(school.professional_id)
    assert mentors_match.id == story.match_id
    assert [c.professional_id for c in mentors_match.counterparts] == [youth_care.professional_id]
    assert mentors_match.counterparts[0].organisation_id == youth_care.organisation_id
    assert mentors_match.counterparts[0].since == T0 + timedelta(minutes=5)

    [youth_cares_match] = matches.for_professional(youth_care.professional_id)
    assert [c.professional_id for c in youth_cares_match.counterparts] == [
        school.professional_id,
        teacher.professional_id,
    ]


def test_a_professional_who_joined_later_sees_the_match_since_they_joined(matches: MatchesView) -> None:
    school, youth_care, police = party(), party(), party()
    story = MatchStory(matches)
    story.tell("MatchFound", since=at(5), participants=[school.at(0), youth_care.at(5)])
    story.tell("MatchJoined", participant=police.at(90))

    [for_school] = matches.for_professional(school.professional_id)
    [for_police] = matches.for_professional(police.professional_id)

    assert for_school.since == T0 + timedelta(minutes=5)
    assert for_police.since == T0 + timedelta(minutes=90)
    assert len(for_police.counterparts) == 2


def test_a_regievoerder_sees_every_participant_of_matches_in_their_municipality(
    matches: MatchesView,
) -> None:
    school, youth_care = party(HERE), party(THERE)
    story = MatchStory(matches)
    story.tell("MatchFound", since=at(5), participants=[school.at(0), youth_care.at(5)])
    elsewhere = MatchStory(matches)
    elsewhere.tell("MatchFound", since=at(7), participants=[party(THERE).at(0), party(THERE).at(7)])

    [here] = matches.for_municipality(HERE)
    assert here.id == story.match_id
    assert here.since == T0 + timedelta(minutes=5)
    assert {c.professional_id for c in here.counterparts} == {
        school.professional_id,
        youth_care.professional_id,
    }
    assert {m.id for m in matches.for_municipality(THERE)} == {story.match_id, elsewhere.match_id}
    assert matches.for_municipality("33" * 32) == []


def test_each_of_several_matches_lists_its_own_counterparts_read_in_one_statement(
    matches: MatchesView,
) -> None:
    mentor = party()
    others = [[party(), party()], [party()], [Party(mentor.organisation_id)]]  # the last: a colleague only
    stories = [MatchStory(matches) for _ in others]
    for minutes, (story, theirs) in enumerate(zip(stories, others, strict=True), start=1):
        story.tell(
            "MatchFound", since=at(minutes), participants=[mentor.at(0), *(p.at(minutes) for p in theirs)]
        )
    statements: list[str] = []
    matches.db._conn.set_trace_callback(statements.append)  # type: ignore[attr-defined]

    mine = matches.for_professional(mentor.professional_id)

    assert [m.id for m in mine] == [story.match_id for story in stories]
    assert [[c.professional_id for c in m.counterparts] for m in mine] == [
        sorted(p.professional_id for p in others[0]),
        [others[1][0].professional_id],
        [],
    ]
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2
    statements.clear()
    assert [len(m.counterparts) for m in matches.for_municipality(HERE)] == [3, 2, 2]
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2


def test_a_participant_who_left_is_no_longer_a_counterpart(matches: MatchesView) -> None:
    school, youth_care, police = party(), party(), party()
    story = MatchStory(matches)
    story.tell("MatchFound", since=at(5), participants=[school.at(0), youth_care.at(5)])
    story.tell("MatchJoined", participant=police.at(10))

    story.tell("MatchLeft", professionalId=youth_care.professional_id)

    [for_school] = matches.for_professional(school.professional_id)
    assert [c.professional_id for c in for_school.counterparts] == [police.professional_id]
    assert matches.for_professional(youth_care.professional_id) == []


def test_an_ended_match_is_shown_to_nobody(matches: MatchesView) -> None:
    school, youth_care = party(), party()
    story = MatchStory(matches)
    story.tell("MatchFound", since=at(5), participants=[school.at(0), youth_care.at(5)])

    story.tell("MatchEnded")

    assert matches.for_professional(school.professional_id) == []
    assert matches.for_professional(youth_care.professional_id) == []
    assert matches.for_municipality(HERE) == []


def test_a_repeated_match_record_is_dropped(matches: MatchesView) -> None:
    school, youth_care = party(), party()
    story = MatchStory(matches)
    found = story.feed.record(
        "keten.matching.MatchFound",
        story.key,
        1,
        {"matchId": story.match_id, "since": at(5), "participants": [school.at(0), youth_care.at(5)]},
    )
    assert matches.handle(found)

    assert not matches.handle(found)
    assert len(matches.for_professional(school.professional_id)) == 1


def test_reset_empties_the_matches_and_their_tracking(matches: MatchesView) -> None:
    school, youth_care = party(), party()
    story = MatchStory(matches)
    story.tell("MatchFound", since=at(5), participants=[school.at(0), youth_care.at(5)])
    assert list(matches.offsets()) == [("keten.matches.v1", 0)]
    assert matches.offsets()[("keten.matches.v1", 0)][0] == 1

    matches.reset()

    assert matches.for_professional(school.professional_id) == []
    assert matches.offsets() == {}
    story.sequence = 0
    story.feed.offsets.clear()
    assert story.tell("MatchFound", since=at(5), participants=[school.at(0), youth_care.at(5)])
    assert len(matches.for_professional(school.professional_id)) == 1


def test_a_batch_of_more_keys_than_one_tracking_query_takes_is_tracked_whole(
    my_signals: MySignalsView,
) -> None:
    feed, mentor = Feed("keten.signals.v1", SIGNALS_SOURCE), str(uuid4())
    subjects = [f"{n:064x}" for n in range(1_200)]  # more than tracking's 500 keys per query
    batch = [feed.record(REGISTERED, s, n, signal_registered(s, mentor)) for n, s in enumerate(subjects, 1)]

    assert my_signals.handle_batch(batch) == 1_200
    assert my_signals.handle_batch(batch) == 0
    assert len(my_signals.of(mentor)) == 1_200
