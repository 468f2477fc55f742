"""``python -m quoteex``: the quoteex command."""
import sys

from .cli import main

sys.exit(main())
