"""Rendering what ``caio grade`` writes for people: gradebook.csv and per-learner feedback pages."""

from __future__ import annotations
