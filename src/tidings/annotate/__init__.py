"""Load the spaCy English model once per process and annotate texts in batches."""

from .model import MODEL_CANDIDATES, annotate, load_model

__all__ = ["MODEL_CANDIDATES", "annotate", "load_model"]
