"""The exchange's hooks: the register of intermediaries registers what a communication names;
without it, a communication names nothing and a mention is refused."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from sswbridge.exchange import hooks
from sswbridge.intermediaries import mentions


def test_the_register_of_intermediaries_is_what_communications_name():
    assert hooks.mentions() is mentions.MENTIONS


def test_registering_it_again_changes_nothing():
    hooks.register_mentions(mentions.MENTIONS)
    assert hooks.mentions() is mentions.MENTIONS


def test_a_second_register_is_refused():
    other = dataclasses.replace(mentions.MENTIONS, form_template="other.html")
    with pytest.raises(ImproperlyConfigured):
        hooks.register_mentions(other)


def test_without_a_register_a_compose_form_has_no_block_for_names():
    assert hooks.NO_MENTIONS.form(None, user=None, kind="intermediary_share") is None


def test_without_a_register_naming_an_entry_is_refused():
    with pytest.raises(ValidationError) as exc:
        hooks.NO_MENTIONS.record(
            actor=None, communication=None, intermediary_ids=["x"], new_intermediaries=()
        )
    assert list(exc.value.message_dict) == ["intermediary_ids"]


def test_without_a_register_naming_nothing_is_fine():
    named = hooks.NO_MENTIONS.record(
        actor=None, communication=None, intermediary_ids=(), new_intermediaries=()
    )
    assert named is None
