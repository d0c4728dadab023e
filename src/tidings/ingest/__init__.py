"""Read articles from JSON lines, text, HTML, RSS/Atom and CSV files and directories."""

from .cleaning import article_id_for, build_article, clean_text, normalise_published
from .files import READERS, estimate_articles, read_articles, read_file
from .options import ReadItem, ReadOptions

__all__ = [
    "READERS",
    "ReadItem",
    "ReadOptions",
    "article_id_for",
    "build_article",
    "clean_text",
    "estimate_articles",
    "normalise_published",
    "read_articles",
    "read_file",
]
