"""Deploying mappings from a file: export, plan, apply, wait (docs/deploy.md).

The package is imported only by the deploy verbs (and by create's duplicate hint), so none
of it is on the start-up path of the five AWS commands.
"""
