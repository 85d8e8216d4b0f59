"""Mappings where they are declared: CloudFormation, SAM, Terraform, serverless.yml, mappings files.

``esm validate PATH…`` reads each file (``detect``), compiles every event source mapping it
declares into the request its own tool would send (``cloudformation``, ``sam``, ``terraform``,
``serverless``), resolves what the same files say about the queue, the function and the role
(``resolve``), and checks it (``check``): every rule of the registry, the queue's visibility
timeout against the function's timeout, the role's permissions. Findings carry file, line and
column (``positions``). docs/iac.md describes each format's translation and where the facts
come from.
"""
