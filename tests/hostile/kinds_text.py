"""Hostile-corpus kinds, round 2: text (registered in :data:`tests.hostile.corpus.KINDS`)."""

from __future__ import annotations
