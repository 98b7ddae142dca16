"""Loading pauses the cycle collector and hands it back as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import govrules

TEXT = "organization a\nproduct p {\n  owner a\n}\n"


@pytest.fixture
def collector() -> Iterator[None]:
    """Restore the collector's state whatever a test does to it."""
    enabled = gc.isenabled()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()
        else:
            gc.disable()


def test_collector_is_back_on_after_loading_and_nothing_stays_frozen(collector: None) -> None:
    """What loading made moves to the oldest generation; the collector is on again."""
    gc.enable()
    model = govrules.loads(TEXT)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert len(model) == 2


def test_a_disabled_collector_stays_disabled(collector: None) -> None:
    """A program that switched the collector off keeps it off."""
    gc.disable()
    govrules.loads(TEXT)
    assert not gc.isenabled()


def test_objects_the_program_froze_stay_frozen(collector: None) -> None:
    """gc.freeze() by the program (before forking workers, say) is not undone by loading."""
    gc.enable()
    kept = [[] for _ in range(1000)]  # lists are tracked by the collector
    gc.freeze()
    assert gc.get_freeze_count() >= len(kept)
    govrules.loads(TEXT)
    # Some other frozen objects may have been freed meanwhile; ours are alive, still frozen.
    assert gc.get_freeze_count() >= len(kept)
    assert gc.isenabled()
    assert len(kept) == 1000
