"""SSWBRIDGE_HOSTED_SIDES: which sides this node hosts."""

from __future__ import annotations

import pytest

from sswbridge.config import ConfigError, env_hosted_sides
from sswbridge.federation import hosting

pytestmark = pytest.mark.django_db


def test_the_setting_is_read_and_checked(monkeypatch):
    monkeypatch.setenv("SSWBRIDGE_HOSTED_SIDES", "JP, jp-kg:kg")
    assert env_hosted_sides("SSWBRIDGE_HOSTED_SIDES") == [("", "jp"), ("jp-kg", "kg")]
    monkeypatch.setenv("SSWBRIDGE_HOSTED_SIDES", "")
    assert env_hosted_sides("SSWBRIDGE_HOSTED_SIDES") == []
    for bad in ("jp-kg:", "jp kg", "a:b:c"):
        monkeypatch.setenv("SSWBRIDGE_HOSTED_SIDES", bad)
        with pytest.raises(ConfigError, match="SSWBRIDGE_HOSTED_SIDES"):
            env_hosted_sides("SSWBRIDGE_HOSTED_SIDES")


def test_by_default_one_node_hosts_every_side(jp_kg, settings):
    settings.HOSTED_SIDES = []
    assert [s.code for s in hosting.hosted_sides(jp_kg)] == ["JP", "KG"]


def test_a_side_in_every_framework_or_in_one(jp_kg, jp_uz, settings):
    settings.HOSTED_SIDES = [("", "jp")]
    assert [s.code for s in hosting.hosted_sides(jp_kg)] == ["JP"]
    assert [s.code for s in hosting.hosted_sides(jp_uz)] == ["JP"]
    settings.HOSTED_SIDES = [("jp-kg", "kg")]
    assert [s.code for s in hosting.hosted_sides(jp_kg)] == ["KG"]
    assert hosting.hosted_sides(jp_uz) == []
    assert hosting.describe() == "jp-kg:kg"
