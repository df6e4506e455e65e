"""Validation of many files at scale: the runner (``--jobs``, ``--dask``) and remote inputs.

Nothing here is imported by ``stdschema.cli`` at start-up; Dask and fsspec are imported
only by the code paths that use them.
"""
