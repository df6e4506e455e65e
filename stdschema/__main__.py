"""``python -m stdschema`` runs the command-line interface."""

from stdschema.cli import main

main()
