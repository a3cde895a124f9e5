"""`python -m verhalen.cli`."""

import sys

from verhalen.cli import main

sys.exit(main())
