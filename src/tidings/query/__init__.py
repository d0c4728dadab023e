"""Query stored event data: event search and summaries."""

from .events import EVENT_COLUMNS, EventFilter, count_events, find_events
from .summary import summarize

__all__ = ["EVENT_COLUMNS", "EventFilter", "count_events", "find_events", "summarize"]
