"""`python -m app` is the `wiretrace` command."""

import sys

from app.cli import main

sys.exit(main())
