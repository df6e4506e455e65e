"""``json``: the versioned report (schema in ``schemas/report.schema.json``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from stdschema.report import escape
from stdschema.report.formats._base import RenderOptions, Reporter, Spool, StreamRun
from stdschema.report.formats._shared import json_text, machine

if TYPE_CHECKING:
    from stdschema.report.model import FileReport, Report

_FILES_START = '\n  "files": [\n'
_FILES_END = '\n  ],\n  "summary": '
_NO_FILES = '"files": []'


class JsonReporter(Reporter):
    name = "json"
    suffix = ".json"
    media_type = "application/json"
    order = 1
    streams = True

    def render(self, report: Report, options: RenderOptions) -> str:
        data = report.model_dump(mode="json", exclude={"files": {"__all__": {"problems"}}})
        for file, out in zip(report.files, data["files"], strict=True):
            out["path"] = escape.path_text(file.path)
            out["problems"] = [
                machine(p, options.lang).model_dump(mode="json") for p in file.problems
            ]
        # Keys in the model's order, as before (problems after summary).
        from stdschema.report.model import FileReport

        keys = list(FileReport.model_fields)
        data["files"] = [{k: out[k] for k in keys if k in out} for out in data["files"]]
        return json_text(data)

    def stream(self, run: StreamRun, files: Iterable[FileReport]) -> Iterator[str]:
        # The verdict and totals come first in the document but are known last: the files
        # wait in a spool.
        spool = Spool()
        try:
            for file in files:
                # A one-file report nests its file as deep as the run's report does: its
                # text is cut out as it is. Newlines in strings are escaped, so the
                # structural "\n  ]," is found whatever the file holds.
                text = run.one(file)
                start = text.index(_FILES_START) + len(_FILES_START)
                end = text.rindex(_FILES_END)
                spool.write(("\n" if run.seen == 1 else ",\n") + text[start:end])
            head = run.empty()
        except BaseException:
            spool.close()
            raise
        if run.seen == 0:
            spool.close()
            yield head
            return
        at = head.index(_NO_FILES)
        yield head[:at] + '"files": ['
        yield from spool.replay()
        yield "\n  ]" + head[at + len(_NO_FILES) :]


REPORTER = JsonReporter()
