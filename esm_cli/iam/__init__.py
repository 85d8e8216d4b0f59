"""esm's own reading of IAM: which actions a mapping's execution role needs, and whether its policies allow them.

``evaluate`` decides one action on one resource from identity-based policy documents,
``requirements`` is the one table of actions each source needs, ``managed`` holds AWS's
managed Lambda execution policies, ``actions`` knows which action names exist.
See docs/permissions.md and docs/doctor.md.
"""
