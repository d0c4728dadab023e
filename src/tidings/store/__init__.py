"""The DuckDB store: schema, bulk writes in transactions, and reads."""

from .duckdb_store import Store, open_store
from .schema import SCHEMA_VERSION, TABLES

__all__ = ["SCHEMA_VERSION", "TABLES", "Store", "open_store"]
