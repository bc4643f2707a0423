"""The summary's percentages never claim more (or less) than they measure (issue 17, point 12)."""

from viewer.engine.model import percent


def test_a_share_short_of_whole_never_reads_100_percent():
    assert percent(0.9984) == "99%"  # one short sentence omitted at sensitivity 0
    assert percent(1.0) == "100%"


def test_a_share_above_nothing_never_reads_0_percent():
    assert percent(0.003) == "1%"
    assert percent(0.0) == "0%"


def test_other_shares_round_to_the_nearest_percent():
    assert percent(0.9268) == "93%" and percent(0.474) == "47%"
