import sys

from esm_cli.main import main

sys.exit(main())
