"""What one article says twice of one event is one claim, the most precise of both
(kg.resolution.resolve: the typed claims)."""

from __future__ import annotations

from decimal import Decimal

from kg.resolution.resolve import Claim, MeetingClaim, StatusClaim, TradeClaim, VisitClaim


def test_a_visit_told_twice_keeps_the_finer_date_kind_status_and_inviter() -> None:
    first = VisitClaim(article="a", sentences=[3], date="2024-05", status="completed", kind="visit",
                       certain=False)
    second = VisitClaim(article="a", sentences=[1], date="2024-05-20", end="2024-05-22", status="planned",
                        kind="state visit", invited_by="nguyen-van-a")
    first.merge(second)
    assert (first.sentences, first.date, first.end) == ([1, 3], "2024-05-20", "2024-05-22")
    assert (first.kind, first.status, first.certain, first.invited_by) == (
        "state visit", "planned", True, "nguyen-van-a")


def test_a_visit_told_as_done_outweighs_one_told_as_planned() -> None:
    done = VisitClaim(article="a", sentences=[0], status="completed", kind="official visit")
    done.merge(VisitClaim(article="a", sentences=[2], status="planned", kind="visit"))
    assert (done.status, done.kind) == ("completed", "official visit")


def test_a_meeting_keeps_its_first_place_and_a_status_its_date() -> None:
    meeting = MeetingClaim(article="a", sentences=[0], status="completed", place="Hà Nội")
    meeting.merge(MeetingClaim(article="a", sentences=[0], date="2023", status="completed", place="Huế"))
    assert (meeting.place, meeting.date, meeting.sentences) == ("Hà Nội", "2023", [0])
    status = StatusClaim(article="a", sentences=[4], status="signed")
    status.merge(StatusClaim(article="a", sentences=[5], date="2023-09-10", status="signed"))
    assert status.date == "2023-09-10"


def test_relations_take_the_finer_date_and_trade_the_same_figure_only() -> None:
    relation = Claim(article="a", sentences=[0], date="1992")
    assert relation.absorbs(Claim(article="a", sentences=[1], date="1992-12-22"))
    assert relation.date == "1992-12-22"
    assert not relation.absorbs(Claim(article="a", sentences=[2], date="1993"))
    figure = TradeClaim(article="a", sentences=[0], usd=Decimal("4.5E9"))
    assert figure.absorbs(TradeClaim(article="a", sentences=[1], usd=Decimal("4500000000")))
    assert not figure.absorbs(TradeClaim(article="a", sentences=[1], usd=Decimal("5E9")))
