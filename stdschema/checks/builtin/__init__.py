"""The row and file checks: one module a check (or a few close ones), each registered with
:func:`stdschema.checks.base.register`. A new module here is found without being listed."""
