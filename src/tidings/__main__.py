"""Allow ``python -m tidings`` (and ``spark-submit path/to/tidings/__main__.py``)."""

from tidings.cli import main

if __name__ == "__main__":
    main()
