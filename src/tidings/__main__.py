"""Allow ``python -m tidings``."""

from .cli import main

main()
