"""Screening: check a name against what both sides know, across scripts and spellings."""
