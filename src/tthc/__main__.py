"""``python -m tthc``: the same as the ``tthc`` command."""

from tthc.cli import main

if __name__ == "__main__":  # pragma: no cover - exercised by tests/test_cli.py in a subprocess
    raise SystemExit(main())
