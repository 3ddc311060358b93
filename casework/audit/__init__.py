"""The audit log: `record_event` is how every operation says what it did."""

from casework.audit.operations import record_event, record_refusal

__all__ = ["record_event", "record_refusal"]
