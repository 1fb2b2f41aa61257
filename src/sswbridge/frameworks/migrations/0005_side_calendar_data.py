"""Seed the calendars of existing sides: the time zone and weekend of each known country,
and Japan's New Year closure of government offices (29 December to 3 January, by law).
A later framework file sets the same fields (`time_zone`, `weekend_days`, closures)."""

import datetime as dt

from django.db import migrations

# Capital's zone and weekend (ISO weekday numbers) of Japan and the partner countries.
KNOWN = {
    "JP": ("Asia/Tokyo", [6, 7]),
    "KG": ("Asia/Bishkek", [6, 7]),
    "UZ": ("Asia/Tashkent", [6, 7]),
    "PH": ("Asia/Manila", [6, 7]),
    "KH": ("Asia/Phnom_Penh", [6, 7]),
    "NP": ("Asia/Kathmandu", [6]),
    "MM": ("Asia/Yangon", [6, 7]),
    "MN": ("Asia/Ulaanbaatar", [6, 7]),
    "LK": ("Asia/Colombo", [6, 7]),
    "ID": ("Asia/Jakarta", [6, 7]),
    "VN": ("Asia/Ho_Chi_Minh", [6, 7]),
    "BD": ("Asia/Dhaka", [5, 6]),
    "PK": ("Asia/Karachi", [6, 7]),
    "TH": ("Asia/Bangkok", [6, 7]),
    "IN": ("Asia/Kolkata", [6, 7]),
    "MY": ("Asia/Kuala_Lumpur", [6, 7]),
    "LA": ("Asia/Vientiane", [6, 7]),
    "TJ": ("Asia/Dushanbe", [6, 7]),
}
NEW_YEAR = "Year-end and New Year closure of government offices"


def seed(apps, schema_editor):
    Side = apps.get_model("frameworks", "Side")
    SideClosure = apps.get_model("frameworks", "SideClosure")
    for side in Side.objects.all():
        zone, weekend = KNOWN.get(side.country.upper(), ("UTC", [6, 7]))
        side.time_zone = zone
        side.weekend_days = weekend
        side.save(update_fields=["time_zone", "weekend_days"])
        if side.kind == "japan":
            SideClosure.objects.get_or_create(
                side=side,
                name=NEW_YEAR,
                yearly=True,
                defaults={"first_day": dt.date(2000, 12, 29), "last_day": dt.date(2001, 1, 3)},
            )


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0004_side_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
