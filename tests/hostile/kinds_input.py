"""Hostile-corpus kinds, round 2: input (registered in :data:`tests.hostile.corpus.KINDS`)."""

from __future__ import annotations
