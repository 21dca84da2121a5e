"""The collector pauses: whatever happens inside, it ends up on again, never frozen off."""

import gc

import pytest

from ttx.gc_pause import (
    ONE_COMMAND_THRESHOLD,
    collect_rarely,
    gc_paused,
    paused_for_start_up,
    start_up_done,
)


def test_a_start_up_that_fails_turns_the_collector_back_on() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_for_start_up():
        assert not gc.isenabled()
        raise RuntimeError("no session file")
    assert gc.isenabled()


def test_the_first_screen_turns_it_on_and_a_read_inside_start_up_leaves_it_off() -> None:
    with paused_for_start_up():
        with gc_paused():  # a journal read in the opening worker
            pass
        assert not gc.isenabled()
        start_up_done()
        assert gc.isenabled()
    assert gc.isenabled()


def test_what_a_read_built_is_collected_later_not_frozen() -> None:
    frozen = gc.get_freeze_count()
    with gc_paused():
        built = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # tests and libraries never keep it for good
    assert len(built) == 1000


def test_a_one_shot_command_collects_rarely_but_still_collects() -> None:
    before = gc.get_threshold()
    try:
        collect_rarely()
        young, middle, oldest = gc.get_threshold()
        assert young == ONE_COMMAND_THRESHOLD and (middle, oldest) == before[1:]
        assert gc.isenabled()
    finally:
        gc.set_threshold(*before)
