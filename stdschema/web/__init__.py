"""The local web workbench of ``stdschema serve`` (the ``stdschema[web]`` extra).

:func:`stdschema.web.app.create_app` builds the application from
:class:`stdschema.web.app.WebSettings`; importing this package imports no web framework.
"""
