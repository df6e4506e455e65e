"""The local web workbench (stdschema serve)."""
