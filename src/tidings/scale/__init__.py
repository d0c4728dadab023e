"""Engines that run annotate + extract at scale: local processes (every core of one
machine, the default for ``tidings ingest``) and Spark (``tidings[spark]``, for clusters).

Both move only plain records between processes; the spaCy Doc never leaves its worker.
"""
