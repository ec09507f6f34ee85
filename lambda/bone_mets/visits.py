"""Remember how many times each Alexa user has opened the skill, and when: nothing else.

The count lives in DynamoDB through visit_store.VisitStore, an ask-sdk persistence adapter.
No topic, no symptom, nothing about anyone's health is ever written: `record_visit`
replaces the stored attributes with exactly two fields, and the store refuses any other.
Without a table name nothing is persisted. A slow or failing DynamoDB never costs an
answer: one time budget covers the read and the write, and past it or on any failure the
visit is treated as a first one and the write skipped.
"""

from __future__ import annotations

import logging
from datetime import datetime, UTC
from typing import TYPE_CHECKING

from ask_sdk_core.handler_input import HandlerInput

from .config import Config
from .safe_logging import describe_error

if TYPE_CHECKING:
    from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

log = logging.getLogger(__name__)
VISITS = "visits"
LAST_VISIT = "last_visit"


class VisitLog:
    """Counts visits through the skill's persistence adapter, if it has one."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def record_visit(self, handler_input: HandlerInput) -> int:
        """Count this visit; return how many visits came before it (0 if unknown)."""
        if not self.enabled:
            return 0
        manager = handler_input.attributes_manager
        try:
            stored = manager.persistent_attributes
            previous = _count(stored.get(VISITS) if isinstance(stored, dict) else None)
            manager.persistent_attributes = {
                VISITS: previous + 1,
                LAST_VISIT: datetime.now(UTC).isoformat(timespec="seconds"),
            }
            manager.save_persistent_attributes()
        except Exception as exc:  # DynamoDB down, slow, missing table, bad data: answer anyway
            log.warning("visit count unavailable: %s", describe_error(exc))
            return 0
        return previous


def _count(value: object) -> int:
    """A stored visit count (DynamoDB returns Decimal), or 0 for anything unusable."""
    if isinstance(value, bool):
        return 0
    try:
        return max(int(value), 0)  # type: ignore[call-overload]
    except (TypeError, ValueError, ArithmeticError):
        return 0


def build_persistence_adapter(config: Config) -> AbstractPersistenceAdapter | None:
    """The visit store for the configured table, or None when no table is set."""
    if not config.visits_table:
        return None
    from .visit_store import VisitStore

    return VisitStore(config.visits_table, endpoint=config.dynamodb_endpoint, budget_s=config.dynamodb_budget)
