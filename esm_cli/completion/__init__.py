"""Shell completion for bash, zsh and fish (issue 6).

The shells call back into esm for candidates (``esm_cli.main`` answers before importing
the CLI). The path of one TAB press:

- ``protocol``: read what the shell sent (env), split the line, print the answer;
- ``line``: the words of a partial command line, as the shell would split them;
- ``engine``: words → candidates with descriptions, knowing nothing about shells;
- ``values``: profiles, regions and the mappings esm already knows (local state file,
  ``cache`` for the aws backend), ``applicability``: which flags fit a source type;
- ``table`` and ``regions``: generated data (``python -m esm_cli.regenerate``),
  so a TAB press neither parses the spec nor loads botocore.

``scripts`` holds the shell scripts ``esm completion SHELL`` prints. Everything on the TAB
path is standard library plus ``esm_cli.sources``; keep it that way (a test checks).
"""

SHELLS = ("bash", "zsh", "fish")
