"""``esm doctor``: why a mapping does not work, and the command that fixes it.

``gather`` reads what a diagnosis needs (read-only, one call per resource), the ``check_*``
modules turn it into findings, ``practices`` holds the checks that need no account (also used
by ``esm validate --strict``), ``problems`` explains Lambda's own status texts, ``render``
draws the checklist. See docs/doctor.md.
"""
