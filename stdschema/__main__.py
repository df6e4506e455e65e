"""``python -m stdschema`` runs the command-line interface."""

import sys

from stdschema.console import tune_gc

# Handlers first (a light import): a signal while the CLI's modules load then ends the
# run with one line instead of a traceback (nothing has been written yet).
from stdschema.outputs import Interrupted, argv_lang, install_signal_handlers

tune_gc()  # before the CLI's imports: see stdschema.console
install_signal_handlers()
try:
    from stdschema.cli import run
except Interrupted as exc:
    from stdschema.messages import t

    lang = argv_lang()
    message = t("output.interrupted", lang, signal=exc.name)
    sys.stderr.write(f"stdschema: {t('error.prefix', lang)}: {message}\n")
    raise SystemExit(exc.exit_code) from None

run()
