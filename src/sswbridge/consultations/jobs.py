"""Background jobs of the consultations (the worker imports this module)."""

from sswbridge.consultations import reminders  # noqa: F401  registers the reminder job
