"""The audit log: `record_event` is how every operation says what it did."""

from casework.audit.operations import record_event

__all__ = ["record_event"]
