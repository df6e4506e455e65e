"""The message catalogue: every user-facing sentence in Japanese and English.

Keys are stable; ``t(key, lang, **values)`` formats one. Japanese is the
default language because most readers are municipal data officers.
"""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["ja", "en"]

CATALOGUE: dict[str, dict[str, str]] = {
    # CLI labels
    "label.id": {"ja": "ID", "en": "ID"},
    "label.edition": {"ja": "版", "en": "Edition"},
    "label.name": {"ja": "データセット名", "en": "Dataset"},
    "label.columns": {"ja": "項目数", "en": "Columns"},
    "label.confidence": {"ja": "確度", "en": "Confidence"},
    "label.slug": {"ja": "ファイル名", "en": "File slug"},
    "label.score": {"ja": "一致度", "en": "Score"},
    "label.file": {"ja": "ファイル", "en": "File"},
    "label.detected": {"ja": "判定", "en": "Detected"},
    "label.runners_up": {"ja": "次点", "en": "Runners-up"},
    "label.header": {"ja": "項目名", "en": "Header"},
    "label.attr": {"ja": "英語名（属性）", "en": "Attribute"},
    "label.requirement": {"ja": "区分", "en": "Req."},
    "label.rule": {"ja": "形式・規則", "en": "Rule"},
    "label.example": {"ja": "記入例", "en": "Example"},
    "confidence.complete": {"ja": "完全", "en": "complete"},
    "confidence.partial": {"ja": "一部", "en": "partial"},
    "confidence.names-only": {"ja": "項目名のみ", "en": "names only"},
    "confidence.config-only": {"ja": "取込設定のみ（順序未確認）", "en": "ingest configs only"},
    "detect.not_recognised": {
        "ja": "標準データセットとして認識できません（最も近い候補: {nearest}）",
        "en": "not recognised as a standard dataset (nearest: {nearest})",
    },
    "detect.not_modelled": {
        "ja": "標準の様式ですが、このデータセットのモデルはありません（最も近い候補: {nearest}）",
        "en": "written in the standard's form, but no model of its dataset (nearest: {nearest})",
    },
    "detect.unreadable": {"ja": "読めません: {error}", "en": "cannot be read: {error}"},
    "excluded.heading": {
        "ja": "モデルのないシート（理由）:",
        "en": "Sheets without a model (why):",
    },
    "excluded.no_model": {
        "ja": "{id}（{sheet}）にはモデルがありません: ",
        "en": "{id} ({sheet}) has no model: ",
    },
    "excluded.support_programs": {
        "ja": "項目名は取込設定1件の29項目だけで、順序も様式全体も分かっていないため",
        "en": "only 29 unordered names from one ingest config; the sheet's layout is unknown",
    },
    "excluded.public_parking_lots": {
        "ja": "分かっている項目はデジタル庁のエリアデータ標準データモデルのもので、"
        "C-25 の様式ではない可能性が高いため",
        "en": "the only list is the Digital Agency's area-data model, probably not the C-25 layout",
    },
    "excluded.baby_stations": {
        "ja": "項目の一覧が見つかっていないため",
        "en": "no column list has been found",
    },
    "rule.advisory": {
        "ja": "（未確定の規則: 警告のみ）",
        "en": " (unconfirmed rule: warning only)",
    },
    "schema.written": {
        "ja": "{count} 個のスキーマを {out} に書き出しました",
        "en": "wrote {count} schema files to {out}",
    },
    "schema.fresh": {"ja": "{out} は最新です", "en": "{out} is up to date"},
    "schema.stale": {
        "ja": "{out} が古くなっています。`stdschema schema export --out {out}` で再生成してください",
        "en": "{out} is stale; regenerate it with `stdschema schema export --out {out}`",
    },
    "error.prefix": {"ja": "エラー", "en": "error"},
    # report renderers
    "report.binary_needs_output": {
        "ja": "--format {format} はファイルに書き出す形式です。-o で出力先（例: report.{format}）を指定してください",
        "en": "--format {format} writes a file; name it with -o (e.g. report.{format})",
    },
    "report.severity.error": {"ja": "エラー", "en": "error"},
    "report.severity.warning": {"ja": "警告", "en": "warning"},
    "report.severity.info": {"ja": "情報", "en": "info"},
    "report.severity.error.plural": {"ja": "エラー", "en": "errors"},
    "report.severity.warning.plural": {"ja": "警告", "en": "warnings"},
    "report.severity.info.plural": {"ja": "情報", "en": "infos"},
    "report.count": {"ja": "{label} {n} 件", "en": "{n} {label}"},
    "report.count_sep": {"ja": "、", "en": ", "},
    "report.file": {"ja": "ファイル", "en": "File"},
    "report.dataset": {"ja": "データセット", "en": "Dataset"},
    "report.encoding": {"ja": "文字コード", "en": "Encoding"},
    "report.rows": {"ja": "データ行数", "en": "Rows"},
    "report.detected": {
        "ja": "{method}により判定、確度: {confidence}",
        "en": "detected by {method}, confidence {confidence}",
    },
    "report.detected_no_confidence": {"ja": "{method}により判定", "en": "detected by {method}"},
    "report.detected_by.option": {"ja": "--dataset の指定", "en": "the --dataset option"},
    "report.detected_by.header": {"ja": "見出し行", "en": "header"},
    "report.detected_by.filename": {"ja": "ファイル名", "en": "file name"},
    "report.detected_by.header+filename": {
        "ja": "見出し行（同点はファイル名で区別）",
        "en": "header and file name",
    },
    "report.detected_by.xml": {"ja": "XML 内の指定", "en": "the XML's own declaration"},
    "report.detected_by.none": {"ja": "判定なし", "en": "nothing"},
    "report.not_detected": {"ja": "未判定", "en": "not detected"},
    "report.score": {"ja": "一致度: {score}", "en": "score {score}"},
    "report.summary": {"ja": "集計", "en": "Summary"},
    "report.by_code": {"ja": "問題の種類別", "en": "By problem"},
    "report.by_column": {"ja": "項目別", "en": "By column"},
    "report.details": {"ja": "問題の詳細", "en": "Problems"},
    "report.severity": {"ja": "重要度", "en": "Severity"},
    "report.code": {"ja": "コード", "en": "Code"},
    "report.title": {"ja": "内容", "en": "Problem"},
    "report.count_header": {"ja": "件数", "en": "Count"},
    "report.line": {"ja": "行", "en": "Line"},
    "report.column": {"ja": "列", "en": "Column"},
    "report.header": {"ja": "項目", "en": "Header"},
    "report.value": {"ja": "値", "en": "Value"},
    "report.message": {"ja": "メッセージ", "en": "Message"},
    "report.hint": {"ja": "対処", "en": "Hint"},
    "report.fixed_to": {"ja": "修正案", "en": "Fix"},
    "report.at_line": {"ja": "{n} 行目", "en": "line {n}"},
    "report.at_column": {"ja": "{letter} 列", "en": "column {letter}"},
    "report.more": {
        "ja": "… ほか {n} 件（全件は --format csv か --format json で出力できます）",
        "en": "… and {n} more (all of them: --format csv or --format json)",
    },
    "report.truncated": {
        "ja": "--max-problems {limit} に達したため、詳細の記録を打ち切りました（集計はすべての問題を数えています）。",
        "en": "Details stopped at --max-problems {limit}; the counts include every problem.",
    },
    "report.no_problems": {"ja": "問題はありません。", "en": "No problems."},
    "report.unreadable": {
        "ja": "読み込めませんでした: {error}",
        "en": "Could not be read: {error}",
    },
    "report.file_error": {"ja": "ファイルを読み込めません", "en": "File could not be read"},
    "report.valid": {"ja": "合格", "en": "valid"},
    "report.invalid": {"ja": "不合格", "en": "invalid"},
    "report.overall": {
        "ja": "結果: {verdict}（{files} ファイル: {counts}）",
        "en": "Result: {verdict} ({files} file(s): {counts})",
    },
    "report.heading": {"ja": "stdschema 検査結果", "en": "stdschema validation report"},
    "report.result": {"ja": "判定", "en": "Result"},
    "report.format_unknown": {
        "ja": "--format には {choices} のいずれかを指定してください（指定: {value}）",
        "en": "--format must be one of {choices}; got {value}",
    },
    # --- Python API (issue 14) ---
    "api.unsupported_source": {
        "ja": "{kind} は検査できません。パス、bytes、バイナリのファイルオブジェクト、"
        "見出しをキーとする辞書の並び、polars か pandas の DataFrame を渡してください",
        "en": "cannot validate a {kind}: pass a path, bytes, a binary file object, an "
        "iterable of dicts keyed by the headers, or a polars or pandas DataFrame",
    },
    "api.not_a_mapping": {
        "ja": "{number} 件目が辞書ではありません（{kind}）。各行は見出しをキーとする辞書で渡してください",
        "en": "row {number} is a {kind}, not a dict: pass each row as a dict keyed by the headers",
    },
    "api.unknown_key": {
        "ja": "{number} 件目に 1 件目にないキー「{column}」があります。見出しは 1 件目の辞書のキーで決まります",
        "en": "row {number} has the key '{column}', which the first row lacks: the first "
        "row's keys are the header",
    },
    "api.explain_not_validation_error": {
        "ja": "explain() には pydantic の ValidationError を渡してください（渡されたのは {kind}）",
        "en": "explain() takes a pydantic ValidationError, not a {kind}",
    },
    "api.explain_unknown_model": {
        "ja": "「{title}」はデータセットのモデルではありません。model= にモデルを指定してください",
        "en": "'{title}' is not a dataset model: pass the model as model=",
    },
    "api.explain_not_a_row": {
        "ja": "{model} には見出し（または属性名）をキーとする辞書を渡してください（{detail}）",
        "en": "{model} takes a dict keyed by the headers (or attribute names): {detail}",
    },
    "api.explain_head": {
        "ja": "{dataset}（{edition}）の問題 {count} 件:",
        "en": "{count} problem(s) with {dataset} ({edition}):",
    },
    "api.explain_line": {"ja": "【{severity}】{message}", "en": "[{severity}] {message}"},
    "api.explain_hint": {"ja": "　→ {hint}", "en": "  → {hint}"},
    # --- misc: mapping strictness, convert rejects, path expansion (issue 17) ---
    "misc.mapping_duplicate_key": {
        "ja": "キー「{name}」が重複しています（最初は {first} 行目）。キーは一度だけ書いてください",
        "en": "duplicate key '{name}' (first at line {first}); give each key once",
    },
    "misc.mapping_no_columns": {
        "ja": "columns に列が一つもありません。出力の値がすべて空欄になるため、少なくとも一つの列を対応付けてください",
        "en": "columns is empty: every output cell would be blank; map at least one column",
    },
    "misc.blank_output": {
        "ja": "マッピングと変換の結果、出力の値がすべて空欄になりました",
        "en": "every output cell is blank after the mapping and transforms",
    },
    "misc.path_too_deep": {
        "ja": "{path}: フォルダーの入れ子が深すぎます（{limit} 階層まで）",
        "en": "{path}: folders are nested deeper than {limit} levels",
    },
    # --- text: escaping and shortening of untrusted text (issue 17) ---
    "text.shortened": {"ja": "…（全 {n} 文字）", "en": "… ({n} characters)"},
    # --- output: output targets, output sets, signals (issue 17) ---
    "output.directory": {
        "ja": "{path} に書き込めません: フォルダーです",
        "en": "cannot write {path}: it is a directory",
    },
    "output.no_directory": {
        "ja": "{path} に書き込めません: フォルダー {parent} がありません",
        "en": "cannot write {path}: no directory {parent}",
    },
    "output.symlink": {
        "ja": "{path} に書き込めません: シンボリックリンクです（出力はリンクの先に書き込みません）。"
        "リンクを削除するか、別のパスを指定してください",
        "en": "cannot write {path}: it is a symbolic link (outputs are never written through "
        "links); remove the link or give another path",
    },
    "output.not_regular": {
        "ja": "{path} に書き込めません: 通常のファイルではありません（{kind}）。"
        "出力先は通常のファイルか、まだないパスにしてください",
        "en": "cannot write {path}: it is not a regular file ({kind}); "
        "an output must be a regular file or a new path",
    },
    "output.kind.device": {"ja": "デバイス", "en": "a device"},
    "output.kind.fifo": {"ja": "名前付きパイプ", "en": "a FIFO"},
    "output.kind.socket": {"ja": "ソケット", "en": "a socket"},
    "output.kind.other": {"ja": "特殊なファイル", "en": "a special file"},
    "output.cannot_write": {
        "ja": "{path} に書き込めません: {reason}",
        "en": "cannot write {path}: {reason}",
    },
    "output.failed": {
        "ja": "出力を書き込めません: {reason}（出力ファイルは変更していません）",
        "en": "cannot write the output: {reason} (no output file was changed)",
    },
    "output.nothing_written": {
        "ja": "{path} に書き込めません: {reason}（何も書き込んでいません）",
        "en": "cannot write {path}: {reason} (nothing was written)",
    },
    "output.same_file": {
        "ja": "{first} と {second} は同じファイルです。出力ごとに別のパスを指定してください",
        "en": "{first} and {second} are the same file; give each output its own path",
    },
    "output.is_input": {
        "ja": "{path} は入力ファイルでもあります。書き込むと入力が置き換わってしまいます",
        "en": "{path} is also an input file; writing it would replace it",
    },
    "output.interrupted": {
        "ja": "{signal} で中断しました（書きかけの出力ファイルは残していません）",
        "en": "interrupted by {signal} (no partial output file was left)",
    },
    # --- input: reading files (issue 17) ---
    "input.sheet": {"ja": "シート", "en": "Sheet"},
    "input.sheet_hidden_skipped": {
        "ja": "{sheet}（非表示のシート {hidden} を飛ばしました）",
        "en": "{sheet} (hidden sheet(s) {hidden} skipped)",
    },
    "input.not_text_encoding": {
        "ja": "{name!r} はテキストファイルの文字コードではありません",
        "en": "{name!r} is not an encoding of text files",
    },
    "input.bad_record_path": {
        "ja": "XML のレコードのパスに対応していません: {reason}",
        "en": "{reason}",
    },
    "input.xlsx.strings_bytes": {
        "ja": "ブックの共有文字列表が展開後 {limit:,} バイトを超えます（XLSX 入力の上限）",
        "en": "the workbook's shared-string table unpacks to more than {limit:,} bytes, "
        "the limit for XLSX input",
    },
    "input.xlsx.strings_count": {
        "ja": "ブックの共有文字列表の文字列が {limit:,} 個を超えます（XLSX 入力の上限）",
        "en": "the workbook's shared-string table has more than {limit:,} strings, "
        "the limit for XLSX input",
    },
    "input.xlsx.strings_chars": {
        "ja": "ブックの共有文字列表の文字数が {limit:,} を超えます（XLSX 入力の上限）",
        "en": "the workbook's shared-string table has more than {limit:,} characters of text, "
        "the limit for XLSX input",
    },
    "input.xlsx.strings_other": {
        "ja": "ブックの共有文字列表に文字列以外の要素が {limit:,} 個を超えてあります",
        "en": "the workbook's shared-string table has more than {limit:,} elements that are "
        "not strings, the limit for XLSX input",
    },
    "input.xlsx.rows": {
        "ja": "シート {sheet!r} の行が {limit:,} 行を超えます（XLSX 入力の上限）",
        "en": "sheet {sheet!r} has more than {limit:,} rows, the limit for XLSX input",
    },
    "input.xlsx.row_cells": {
        "ja": "シート {sheet!r} の1行のセルが {limit:,} 個を超えます（XLSX 入力の上限）",
        "en": "sheet {sheet!r} has more than {limit:,} cells in a row, the limit for XLSX input",
    },
    "input.xlsx.cells": {
        "ja": "シート {sheet!r} のセルが {limit:,} 個を超えます（XLSX 入力の上限）",
        "en": "sheet {sheet!r} has more than {limit:,} cells, the limit for XLSX input",
    },
    "input.xlsx.elements": {
        "ja": "シート {sheet!r} で同時に保持される要素が {limit:,} 個を超えます（XLSX 入力の上限）",
        "en": "sheet {sheet!r} makes a parser hold more than {limit:,} elements at once "
        "(rows, merged ranges, links, ...), the limit for XLSX input",
    },
    "input.xlsx.grid": {
        "ja": "シート {sheet!r} の値は {rows:,} 行 × {columns:,} 列に広がり、"
        "{limit:,} セルを超えます（XLSX 入力の上限）",
        "en": "sheet {sheet!r} spans {rows:,} rows by {columns:,} columns of values, "
        "more than {limit:,} cells, the limit for XLSX input",
    },
    # --- report: text and console (issue 11) ---
    "report.text.row": {"ja": "行", "en": "Row"},
    "report.text.file_line": {"ja": "（ファイルの {line} 行目）", "en": " (file line {line})"},
    "report.text.record": {"ja": "レコード", "en": "Record"},
    "report.text.more": {"ja": "… ほか {n} 件", "en": "… and {n} more"},
    "report.text.all_problems": {
        "ja": "すべての問題の一覧: --format xlsx -o report.xlsx（Excel のブック、Excel の行番号）"
        "または --format csv -o report.csv",
        "en": "Every problem: --format xlsx -o report.xlsx (an Excel workbook with Excel's row "
        "numbers) or --format csv -o report.csv",
    },
    "report.text.raise_limit": {
        "ja": "すべての詳細を記録するには --max-problems {total} 以上を指定してください。",
        "en": "To keep every detail, give --max-problems {total} or more.",
    },
    # --- CI formats (issue 14) ---
    "report.github.summary_title": {"ja": "stdschema の注釈", "en": "stdschema annotations"},
    "report.github.left_out": {
        "ja": "{total} 件のうち {shown} 件を注釈にしました（GitHub が表示する注釈は 1 ステップで"
        "種類ごとに {per_kind} 件までです）。残り {left} 件はステップの概要に出せます: "
        'stdschema validate --format markdown … >> "$GITHUB_STEP_SUMMARY"。'
        "コードスキャンには --format sarif -o stdschema.sarif を使ってください。",
        "en": "{shown} of {total} problems are annotations (GitHub shows {per_kind} of each "
        "kind a step). The other {left}: stdschema validate --format markdown … >> "
        '"$GITHUB_STEP_SUMMARY" lists them in the step summary, or --format sarif '
        "-o stdschema.sarif for code scanning.",
    },
    "report.github.known": {
        "ja": "ベースラインにある既知の問題 {known} 件は注釈にしていません。",
        "en": " The baseline holds {known} of the problems found: they are not annotated.",
    },
    "report.markdown.more_rows": {"ja": "残り {n} 件", "en": "{n} more"},
    "report.markdown.budget": {
        "ja": "ステップの概要の上限（GitHub は 1 ステップ 1 MiB まで）に近づいたため、"
        "ここから先は問題の一覧を省きました（件数表はそのままです）。"
        "すべての問題は --format csv か --format sarif で出力できます。",
        "en": "The step summary is near its limit (GitHub takes 1 MiB a step): from here on "
        "the problems are not listed, only counted. Every problem: --format csv or "
        "--format sarif.",
    },
    "report.junit.below_fail_on": {
        "ja": "{severity}（--fail-on {fail_on} 未満のため失敗にしません）",
        "en": "{severity} (below --fail-on {fail_on}: not a failure)",
    },
    "report.junit.known": {
        "ja": "{severity}（ベースラインにある既知の問題のため失敗にしません）",
        "en": "{severity} (known: in the baseline, not a failure)",
    },
    # --- report: csv (issue 11) ---
    "report.csv.bom_csv_only": {
        "ja": "--bom と --no-bom は --format csv のときだけ指定できます",
        "en": "--bom and --no-bom apply to --format csv only",
    },
    "report.csv.col.file": {"ja": "ファイル", "en": "file"},
    "report.csv.col.row": {"ja": "行", "en": "row"},
    "report.csv.col.record": {"ja": "レコード", "en": "record"},
    "report.csv.col.line": {"ja": "ファイルの行", "en": "line"},
    "report.csv.col.column": {"ja": "列番号", "en": "column"},
    "report.csv.col.column_letter": {"ja": "列", "en": "column_letter"},
    "report.csv.col.header": {"ja": "項目", "en": "header"},
    "report.csv.col.field": {"ja": "英語名（属性）", "en": "field"},
    "report.csv.col.code": {"ja": "コード", "en": "code"},
    "report.csv.col.severity": {"ja": "重要度", "en": "severity"},
    "report.csv.col.value": {"ja": "値", "en": "value"},
    "report.csv.col.message": {"ja": "メッセージ", "en": "message"},
    "report.csv.col.hint": {"ja": "対処", "en": "hint"},
    "report.csv.col.fixed_to": {"ja": "修正案", "en": "fixed_to"},
    # --- config and baselines (issue 14) ---
    "config.bad_toml": {
        "ja": "{path} は TOML として読めません: {detail}",
        "en": "{path} is not valid TOML: {detail}",
    },
    "config.not_found": {
        "ja": "設定ファイル {path} がありません",
        "en": "no configuration file {path}",
    },
    "config.unreadable": {
        "ja": "設定ファイル {path} を読めません: {reason}",
        "en": "cannot read the configuration file {path}: {reason}",
    },
    "config.not_table": {
        "ja": "{where}: [{table}] は表（テーブル）にしてください",
        "en": "{where}: [{table}] must be a table",
    },
    "config.unknown_key_near": {
        "ja": "{where}: 不明なキー {name}。{hint} のことですか？",
        "en": "{where}: unknown key {name}; did you mean {hint}?",
    },
    "config.unknown_key": {
        "ja": "{where}: 不明なキー {name}（使えるキー: {keys}）",
        "en": "{where}: unknown key {name} (known keys: {keys})",
    },
    "config.both": {
        "ja": "--config と --no-config は同時に指定できません",
        "en": "--config and --no-config cannot be given together",
    },
    "config.bad_selectors": {
        "ja": "{where}: {value} は使えません。問題コードか重大度（error, warning, info）の"
        '一覧を書いてください（例: ["blank-recommended", "info"]）',
        "en": "{where}: {value} is not allowed; expected a list of problem codes or severities "
        '(error, warning, info), e.g. ["blank-recommended", "info"]',
    },
    "config.bad_count": {
        "ja": "{where}: {value} は使えません。0 以上の整数を書いてください",
        "en": "{where}: {value} is not allowed; expected a whole number, 0 or more",
    },
    "config.bad_path": {
        "ja": "{where}: {value} は使えません。ファイルのパスを文字列で書いてください",
        "en": "{where}: {value} is not allowed; expected a file path (a string)",
    },
    "config.bad_datasets": {
        "ja": "{where}: {value} は使えません。グロブとデータセットの表を書いてください"
        '（例: "data/aed/*.csv" = "aed_locations@v2"）',
        "en": "{where}: {value} is not allowed; expected a table of globs and datasets, "
        'e.g. "data/aed/*.csv" = "aed_locations@v2"',
    },
    "config.bad_choice_near": {
        "ja": "{where}: {value} は使えません。{hint} のことですか？",
        "en": "{where}: {value} is not allowed; did you mean {hint}?",
    },
    "config.bad_choice": {
        "ja": "{where}: {value} は使えません（{choices} のいずれか）",
        "en": "{where}: {value} is not allowed; expected one of {choices}",
    },
    "config.bad_dataset": {"ja": "{where}: {error}", "en": "{where}: {error}"},
    "config.unknown_code_near": {
        "ja": "{where}: 不明な問題コード {value}。{hint} のことですか？",
        "en": "{where}: unknown problem code {value}; did you mean {hint}?",
    },
    "config.unknown_code": {
        "ja": "{where}: 不明な問題コード {value}（問題コードか error, warning, info を"
        "指定してください）",
        "en": "{where}: unknown problem code {value} (expected a problem code or error, "
        "warning, info)",
    },
    "config.show.file": {"ja": "設定ファイル: {path}", "en": "Configuration file: {path}"},
    "config.show.no_file": {
        "ja": "設定ファイル: なし（既定値を使います）",
        "en": "Configuration file: none (defaults apply)",
    },
    "config.show.setting": {"ja": "設定", "en": "Setting"},
    "config.show.value": {"ja": "値", "en": "Value"},
    "config.show.source": {"ja": "出どころ", "en": "Source"},
    "config.show.all": {"ja": "（すべて）", "en": "(all)"},
    "config.show.none": {"ja": "（なし）", "en": "(none)"},
    "config.show.source.default": {"ja": "既定値", "en": "default"},
    "config.show.source.cli": {"ja": "コマンドライン", "en": "command line"},
    "config.show.source.env": {
        "ja": "環境変数 STDSCHEMA_LANG",
        "en": "environment (STDSCHEMA_LANG)",
    },
    "report.detected_by.config": {
        "ja": "設定ファイル（datasets）",
        "en": "the configuration's datasets",
    },
    "baseline.not_found": {
        "ja": "ベースライン {path} がありません（--write-baseline で作れます）",
        "en": "no baseline {path} (--write-baseline writes one)",
    },
    "baseline.unreadable": {
        "ja": "ベースライン {path} を読めません: {reason}",
        "en": "cannot read the baseline {path}: {reason}",
    },
    "baseline.not_report": {
        "ja": "ベースライン {path} は stdschema の JSON レポートではありません"
        "（--write-baseline か --format json で書き出したものを指定してください）",
        "en": "the baseline {path} is not a stdschema JSON report (write one with "
        "--write-baseline or --format json)",
    },
    "baseline.known_file": {
        "ja": "うち {n} 件はベースラインにある既知の問題です（終了コードには数えません）",
        "en": "{n} of them are known from the baseline (they do not fail the run)",
    },
    "baseline.known_run": {
        "ja": "（うち既知 {n} 件）",
        "en": " ({n} known from the baseline)",
    },
    "baseline.written": {
        "ja": "ベースライン {path} に {files} ファイル、{problems} 件の問題を書き出しました",
        "en": "wrote the baseline {path}: {files} files, {problems} problems",
    },
    # --- report: xlsx workbook (issue 11) ---
    "xlsx.sheet.summary": {"ja": "概要", "en": "Summary"},
    "xlsx.sheet.problems": {"ja": "問題一覧", "en": "Problems"},
    "xlsx.sheet.data": {"ja": "データ", "en": "Data"},
    "xlsx.col.file": {"ja": "ファイル", "en": "File"},
    "xlsx.col.row": {"ja": "行", "en": "Row"},
    "xlsx.col.column": {"ja": "列", "en": "Column"},
    "xlsx.col.header": {"ja": "項目", "en": "Header"},
    "xlsx.col.record": {"ja": "レコード", "en": "Record"},
    "xlsx.col.severity": {"ja": "重大度", "en": "Severity"},
    "xlsx.col.code": {"ja": "コード", "en": "Code"},
    "xlsx.col.message": {"ja": "内容", "en": "Problem"},
    "xlsx.col.hint": {"ja": "修正案/ヒント", "en": "Fix / hint"},
    "xlsx.col.value": {"ja": "値", "en": "Value"},
    "xlsx.col.fixed_to": {"ja": "修正後の値", "en": "Fixed value"},
    "xlsx.col.line": {"ja": "物理行", "en": "Physical line"},
    "xlsx.col.title": {"ja": "問題の種類", "en": "Kind of problem"},
    "xlsx.col.count": {"ja": "件数", "en": "Count"},
    "xlsx.heading": {"ja": "stdschema 検査結果", "en": "stdschema validation report"},
    "xlsx.guide": {
        "ja": "「{problems}」シートに問題をすべて（1 行に 1 件）、「{data}」シートにファイルの写しを載せています。"
        "写しでは問題のあるセルに色を付け、コメントに内容と修正案を書いています。行と列は Excel で開いたときの位置です。",
        "en": "The '{problems}' sheet lists every problem, one a row; the '{data}' sheet is a copy "
        "of the file with each problem cell coloured and a comment giving the problem and the fix. "
        "Rows and columns are where Excel shows them.",
    },
    "xlsx.overall": {"ja": "全体の結果", "en": "Overall"},
    "xlsx.tool": {"ja": "検査ツール", "en": "Checked with"},
    "xlsx.dataset": {"ja": "データセット", "en": "Dataset"},
    "xlsx.dataset_value": {"ja": "{name}（{id}、{edition}）", "en": "{name} ({id}, {edition})"},
    "xlsx.detected": {"ja": "判定方法", "en": "Detected by"},
    "xlsx.detected_score": {"ja": "{method}（一致度 {score}）", "en": "{method} (score {score})"},
    "xlsx.encoding": {"ja": "文字コード", "en": "Encoding"},
    "xlsx.input_sheet": {"ja": "読んだシート", "en": "Sheet read"},
    "xlsx.rows": {"ja": "データ行数", "en": "Data rows"},
    "xlsx.verdict": {"ja": "判定", "en": "Result"},
    "xlsx.unreadable": {"ja": "読み込めません", "en": "could not be read"},
    "xlsx.reason": {"ja": "理由", "en": "Why"},
    "xlsx.data_sheet": {"ja": "データの写し", "en": "Data copy"},
    "xlsx.data_sheet_none": {"ja": "なし", "en": "none"},
    "xlsx.by_severity": {"ja": "重大度別の件数", "en": "Problems by severity"},
    "xlsx.by_code": {"ja": "問題の種類別の件数", "en": "Problems by kind"},
    "xlsx.first": {"ja": "まず直すこと", "en": "What to fix first"},
    "xlsx.first_item": {
        "ja": "{n}. {title}（{code}）: {count} 件、{rows} 行。{hint}",
        "en": "{n}. {title} ({code}): {count} problem(s) on {rows} row(s). {hint}",
    },
    "xlsx.first_counted": {
        "ja": "{n}. {title}（{code}）: {count} 件。{hint}",
        "en": "{n}. {title} ({code}): {count} problem(s). {hint}",
    },
    "xlsx.first_example": {
        "ja": "例: {row} 行目 {column} 列",
        "en": "e.g. row {row}, column {column}",
    },
    "xlsx.first_none": {"ja": "エラーも警告もありません。", "en": "No errors and no warnings."},
    "xlsx.notes": {"ja": "注意", "en": "Notes"},
    "xlsx.note_capped": {
        "ja": "データの写しは先頭の {limit:,} 行までです（全 {total:,} 行）。問題一覧はすべての問題を載せています。",
        "en": "The data copy holds the first {limit:,} of {total:,} data rows; the problems sheet "
        "lists every problem.",
    },
    "xlsx.note_truncated": {
        "ja": "問題の詳細は --max-problems {limit} で {limit:,} 件までにしました（件数の集計は全 {total:,} 件を数えています）。"
        "すべての詳細を出すには --max-problems {total} のように件数以上の数を指定して、もう一度実行してください。",
        "en": "Problem details stopped at --max-problems {limit}; the counts include all {total:,} "
        "problems. For every detail run again with a limit at least that large, e.g. "
        "--max-problems {total}.",
    },
    "xlsx.note_no_copy": {
        "ja": "ファイルをもう一度読めなかったため、データの写しはありません。",
        "en": "No data copy: the file could not be read again.",
    },
    "xlsx.note_masked": {
        "ja": "--mask-values の指定により値を伏せたため、データの写しはありません。",
        "en": "No data copy: values are masked (--mask-values).",
    },
    "xlsx.note_sheets_capped": {
        "ja": "データの写しは最初の {limit} ファイル分までです。このファイルの写しはありません。",
        "en": "Data copies are made for the first {limit} files only; this file has none.",
    },
    "xlsx.comment": {"ja": "[{severity}] {message}", "en": "[{severity}] {message}"},
    "xlsx.comment_fix": {"ja": "修正案: {value}", "en": "Fix: {value}"},
    "xlsx.cut": {"ja": "…（全 {n:,} 文字、以下省略）", "en": "… ({n:,} characters, cut)"},
    # --- report: html page (issue 11) ---
    "report.html.facts": {"ja": "ファイルの概要", "en": "About the file"},
    "report.html.edition": {"ja": "版", "en": "Edition"},
    "report.html.detected_by": {"ja": "判定の方法", "en": "How it was detected"},
    "report.html.verdict": {"ja": "判定", "en": "Verdict"},
    "report.html.not_held": {"ja": "詳細未記録", "en": "details not kept"},
    "report.html.first": {"ja": "まず直すこと", "en": "What to do first"},
    "report.html.first_item": {
        "ja": "{title}（{severity} {n} 件）: {hint}",
        "en": "{title} ({n} {severity}): {hint}",
    },
    "report.html.files": {"ja": "ファイル一覧", "en": "Files"},
    "report.html.all": {"ja": "すべて", "en": "All"},
    "report.html.shown": {
        "ja": "{total} 件中 {shown} 件を表示",
        "en": "Showing {shown} of {total}",
    },
    "report.html.more_rows": {
        "ja": "さらに {n} 件を表示（残り {rest} 件）",
        "en": "Show {n} more ({rest} left)",
    },
    "report.html.row": {"ja": "行（Excel）", "en": "Row (Excel)"},
    "report.html.record": {"ja": "記録", "en": "Record"},
    "report.html.data": {"ja": "データ", "en": "Data"},
    "report.html.data_note": {
        "ja": "行番号は Excel で開いたときの行番号です。問題のあるセルは重要度の色で示し、"
        "セルにポインターを置くとメッセージが出ます。",
        "en": "Row numbers are those Excel shows. Problem cells are coloured by severity; "
        "point at one to see its message.",
    },
    "report.html.data_capped": {
        "ja": "データは先頭 {limit:,} 行まで表示しています（全 {total:,} 行）。"
        "問題の表はこの上限によらずすべての問題を載せています。",
        "en": "The data shows its first {limit:,} rows (of {total:,}). The problem table "
        "above lists every problem whatever this cap.",
    },
    "report.html.data_unavailable": {
        "ja": "ファイルを読み直せないため、データは表示できません。",
        "en": "The file could not be read again, so its data is not shown.",
    },
    "report.html.data_masked": {
        "ja": "--mask-values の指定により値を伏せたため、データと地図は表示しません。",
        "en": "Values are masked (--mask-values), so neither the data nor the map is shown.",
    },
    "report.html.map": {"ja": "地図", "en": "Map"},
    "report.html.map_count": {
        "ja": "座標のある記録 {n:,} 件を表示（座標のない記録 {missing:,} 件）",
        "en": "{n:,} records with coordinates shown ({missing:,} without)",
    },
    "report.html.map_capped": {
        "ja": "地図はデータと同じく先頭 {limit:,} 行の記録を表示します。",
        "en": "Like the data, the map shows the records of the first {limit:,} rows.",
    },
    "report.html.map.ok": {"ja": "問題なし", "en": "No problem"},
    "report.html.map.problem": {
        "ja": "エラー・警告のある記録",
        "en": "Record with errors or warnings",
    },
    "report.html.map.swapped": {
        "ja": "緯度と経度が逆（入れ替えた位置に表示）",
        "en": "Latitude and longitude swapped (drawn where they belong)",
    },
    "report.html.map.outside": {
        "ja": "日本の範囲外（地図の端に表示）",
        "en": "Outside Japan (drawn at the map's edge)",
    },
    "report.html.map_view": {"ja": "表示範囲", "en": "View"},
    "report.html.map_view.records": {"ja": "記録の範囲", "en": "The records"},
    "report.html.map_view.japan": {"ja": "日本全体", "en": "All of Japan"},
    "report.html.map_tiles": {
        "ja": "地理院タイルを背景に表示（インターネット接続が必要）",
        "en": "GSI map tiles as background (needs the internet)",
    },
    "report.html.map_note": {
        "ja": "背景は既定で無地です（この報告書はオフラインで開けます）。"
        "上のチェックを入れたときだけ国土地理院の地理院タイルを読み込みます。",
        "en": "The background is plain by default (this report opens offline); the GSI "
        "tiles (地理院タイル) are fetched only when the box above is ticked.",
    },
    "report.html.map_credit": {
        "ja": "背景: 地理院タイル（国土地理院）",
        "en": "Background: GSI tiles (地理院タイル)",
    },
    "report.html.point": {
        "ja": "{row} 行目: 緯度 {lat}、経度 {lon}",
        "en": "row {row}: latitude {lat}, longitude {lon}",
    },
    "report.html.noscript": {
        "ja": "問題の表・データ・地図の表示には JavaScript が必要です。",
        "en": "The problem table, the data and the map need JavaScript.",
    },
    "report.html.made_by": {
        "ja": "stdschema {version} で作成",
        "en": "Made by stdschema {version}",
    },
    # --- locations: rows and record labels (issue 11) ---
    "report.loc.row": {"ja": "行", "en": "Row"},
    "report.loc.record": {"ja": "レコード", "en": "Record"},
    "report.loc.at_row": {"ja": "{n} 行目", "en": "row {n}"},
    "report.loc.record_label": {"ja": "（{record}）", "en": " ({record})"},
    # --- conversion: transforms and docs/mapping.md (issue 12) ---
    "transforms.heading": {
        "ja": "マッピングで使える変換（transforms）: {count} 種類",
        "en": "Transforms a mapping can use: {count}",
    },
    "transforms.arguments": {"ja": "引数", "en": "Arguments"},
    "transforms.no_arguments": {"ja": "引数はありません。", "en": "No arguments."},
    "transforms.examples": {"ja": "例", "en": "Examples"},
    "transforms.required": {"ja": "必須", "en": "required"},
    "transforms.optional": {"ja": "省略可", "en": "optional"},
    "transforms.default": {"ja": "既定値 {value}", "en": "default {value}"},
    "transforms.positional": {
        "ja": "値だけを書きます",
        "en": "written as the value alone",
    },
    "transforms.refused": {
        "ja": "変換できない値として報告",
        "en": "refused and reported",
    },
    "transforms.with_row": {"ja": "同じ行: {cells}", "en": "with the row {cells}"},
    "transforms.with_context": {"ja": "context: {values}", "en": "context: {values}"},
    "transforms.see_docs": {
        "ja": "マッピングファイルの書き方と全部の例は docs/mapping.md にあります。",
        "en": "The mapping file's syntax and every example are in docs/mapping.md.",
    },
    "transforms.docs_stale": {
        "ja": "{path} が変換の一覧と合っていません。python -m stdschema.conversion.transform_docs --write で作り直してください",
        "en": "{path} is stale; regenerate it with python -m stdschema.conversion.transform_docs --write",
    },
    "transforms.docs_written": {"ja": "{path} を書き出しました", "en": "wrote {path}"},
    "transforms.docs_fresh": {"ja": "{path} は最新です", "en": "{path} is up to date"},
    "mapdoc.title": {"ja": "マッピングファイルと変換", "en": "Mapping files and transforms"},
    "mapdoc.generated": {
        "ja": "このファイルは生成されます。手で直さず、変換の登録（stdschema/conversion/transforms.py）"
        "と stdschema/conversion/transform_docs.py を直してから次で作り直します:",
        "en": "This file is generated. Do not edit it by hand: change the transforms' registry "
        "(stdschema/conversion/transforms.py) or stdschema/conversion/transform_docs.py, then "
        "regenerate it with:",
    },
    "mapdoc.tested": {
        "ja": "ここにある例はすべてテスト（tests/test_mapping_docs.py）で実行され、"
        "古くなるとテストが失敗します。",
        "en": "Every example here is run by tests/test_mapping_docs.py, which also fails when "
        "this file is stale.",
    },
    "mapdoc.syntax": {"ja": "マッピングファイルの書き方", "en": "The mapping file"},
    "mapdoc.transforms": {"ja": "変換の一覧", "en": "Transforms"},
    "mapdoc.contents": {"ja": "目次", "en": "Contents"},
    "mapdoc.input_row": {"ja": "入力の行", "en": "Input row"},
    "mapdoc.result": {"ja": "結果", "en": "Result"},
    "mapdoc.col.name": {"ja": "名前", "en": "name"},
    "mapdoc.col.type": {"ja": "型", "en": "type"},
    "mapdoc.col.required": {"ja": "必須", "en": "required"},
    "mapdoc.col.default": {"ja": "既定値", "en": "default"},
    "mapdoc.col.meaning": {"ja": "説明", "en": "meaning"},
    "mapdoc.col.spec": {"ja": "書き方", "en": "spec"},
    "mapdoc.col.input": {"ja": "入力", "en": "input"},
    "mapdoc.col.output": {"ja": "出力", "en": "output"},
    "mapdoc.col.row": {"ja": "同じ行・context", "en": "row, context"},
    "mapdoc.yes": {"ja": "はい", "en": "yes"},
    "mapdoc.no": {"ja": "いいえ", "en": "no"},
    "mapdoc.blank": {"ja": "（空欄）", "en": "(blank)"},
    # --- conversion: mapping errors (issue 12) ---
    "mapping.error_at": {
        "ja": "{path}:{line}:{column}: {line} 行目 {column} 文字目: {message}",
        "en": "{path}:{line}:{column}: line {line}, column {column}: {message}",
    },
    "mapping.error_at_line": {
        "ja": "{path}:{line}: {line} 行目: {message}",
        "en": "{path}:{line}: line {line}: {message}",
    },
    "mapping.hint_did_you_mean": {
        "ja": "（「{name}」の誤りではありませんか）",
        "en": " (did you mean '{name}'?)",
    },
    "mapping.not_found": {"ja": "マッピングファイルがありません", "en": "mapping file not found"},
    "mapping.is_directory": {
        "ja": "マッピングファイルではなくフォルダです",
        "en": "mapping path is a directory, not a file",
    },
    "mapping.not_regular": {
        "ja": "マッピングファイルが通常のファイルではありません（パイプ・ソケット・デバイス）",
        "en": "mapping file is not a regular file (a FIFO, socket or device)",
    },
    "mapping.too_large": {
        "ja": "マッピングファイルが 1 MiB を超えています",
        "en": "mapping file is larger than 1 MiB",
    },
    "mapping.permission": {
        "ja": "マッピングファイルを読む権限がありません",
        "en": "mapping file cannot be read (permission denied)",
    },
    "mapping.not_utf8": {
        "ja": "マッピングファイルが UTF-8 ではありません（{byte} バイト目）。UTF-8 で保存し直してください",
        "en": "mapping file is not UTF-8 text (byte {byte}); save it as UTF-8",
    },
    "mapping.unreadable": {
        "ja": "マッピングファイルを読めません: {reason}",
        "en": "mapping file cannot be read: {reason}",
    },
    "mapping.slip_full_colon": {
        "ja": "「{name}」の後のコロンが全角の「：」です（日本語入力のままの打ち間違い）。"
        "半角のコロンと空白「: 」にしてください: {fixed}",
        "en": "the colon after '{name}' is a full-width '：' (typed with the Japanese input "
        "method); write a half-width colon and a space ': ': {fixed}",
    },
    "mapping.slip_full_space_after": {
        "ja": "コロンの後の空白が全角（　）です。半角の空白にしてください: {fixed}",
        "en": "the space after the colon is a full-width space (U+3000); "
        "write a half-width space: {fixed}",
    },
    "mapping.slip_full_space_indent": {
        "ja": "行頭の字下げに全角の空白（　）が使われています。字下げは半角スペースで書いてください",
        "en": "the indentation holds a full-width space (U+3000); indent with half-width spaces",
    },
    "mapping.slip_tab": {
        "ja": "行頭の字下げにタブが使われています。YAML ではタブを使えないため、半角スペースで字下げしてください",
        "en": "the line is indented with a tab, which YAML does not allow; "
        "indent with half-width spaces",
    },
    "mapping.slip_no_space": {
        "ja": "「{name}:」のコロンの後に空白がありません。コロンの後に半角の空白を入れてください: {fixed}",
        "en": "no space after the colon of '{name}:'; put a space after the colon: {fixed}",
    },
    "mapping.indentation": {
        "ja": "この行の字下げ（{found} 文字）が {ref} 行目（{ref_indent} 文字）と合いません。"
        "同じ階層のキーは同じ数の半角スペースで、一段下の項目はそれより深く字下げしてください",
        "en": "this line is indented by {found} spaces, which does not fit line {ref} "
        "({ref_indent} spaces); keys of one level take the same number of spaces, "
        "the entries under a key more",
    },
    "mapping.yaml_colon_in_value": {
        "ja": '値の中に「: 」があります。値を引用符で囲むか（"…"）、字下げを確認してください',
        "en": "a value holds ': '; put the value in quotes (\"…\") or check the indentation",
    },
    "mapping.yaml_unclosed": {
        "ja": "{open} 行目で開いた括弧が閉じられていません。「{close}」で閉じてください",
        "en": "the bracket opened on line {open} is not closed; close it with '{close}'",
    },
    "mapping.yaml_unclosed_quote": {
        "ja": "{open} 行目で始まった引用符が閉じられていません",
        "en": "the quotation opened on line {open} is not closed",
    },
    "mapping.yaml_no_colon": {
        "ja": "キーの後に「: 」が見つかりません。キーと値を「キー: 値」の形で書いてください",
        "en": "a key without ': ' after it; write each entry as 'key: value'",
    },
    "mapping.yaml_other": {
        "ja": "YAML として読めません。字下げ、コロンの後の空白、括弧や引用符の閉じ忘れを確認してください",
        "en": "this is not valid YAML; check the indentation, the space after each colon "
        "and that brackets and quotes are closed",
    },
    "mapping.yaml_alias": {
        "ja": "YAML の別名（*名前）はマッピングファイルでは使えません。内容をそのまま書いてください",
        "en": "YAML aliases (*name) are not allowed in mapping files; write the value out",
    },
    "mapping.yaml_escape_range": {
        "ja": "エスケープが Unicode の範囲（\\U0010FFFF まで）を超えています",
        "en": "an escape beyond the last Unicode character (\\U0010FFFF)",
    },
    "mapping.yaml_escape_surrogate": {
        "ja": "サロゲート（D800–DFFF）単独のエスケープは使えません。文字そのものを書いてください",
        "en": "an escape of a lone surrogate (D800-DFFF); write the character itself",
    },
    "mapping.yaml_bad_scalar": {
        "ja": "{value} は {kind} として読めません。文字列なら引用符で囲んでください",
        "en": "{value} is not a valid {kind}; quote it if it is text",
    },
    "mapping.yaml_tag": {
        "ja": "YAML のタグ「{tag}」はマッピングファイルでは使えません。値だけを書いてください",
        "en": "the YAML tag '{tag}' is not allowed in mapping files; write the value alone",
    },
    "mapping.yaml_too_deep": {
        "ja": "括弧の入れ子が深すぎます",
        "en": "collections are nested too deeply",
    },
    "mapping.not_a_mapping": {
        "ja": "マッピングファイルは target と columns を持つ YAML のマッピング（キー: 値）です",
        "en": "a mapping file is a YAML mapping (key: value) with target and columns",
    },
    "mapping.unknown_key": {
        "ja": "{where} に「{entry}」という項目はありません{hint}。使える項目: {allowed}",
        "en": "{where} has no entry '{entry}'{hint}; allowed: {allowed}",
    },
    "mapping.missing_key": {
        "ja": "{where} に「{entry}」がありません。必ず書いてください",
        "en": "{where} lacks '{entry}', which is required",
    },
    "mapping.expected_rule": {
        "ja": "列「{column_name}」の値は {{source: 入力の列名}} のような指定にしてください（書かれている値: {value}）",
        "en": "the entry of column '{column_name}' should be a rule such as "
        "{{source: input column}}, not {value}",
    },
    "mapping.expected_mapping": {
        "ja": "{where} は「キー: 値」の組にしてください（書かれている値: {value}）",
        "en": "{where} should be a mapping of 'key: value' entries, not {value}",
    },
    "mapping.expected_text": {
        "ja": "{where} は文字列にしてください（書かれている値: {value}）",
        "en": "{where} should be text, not {value}",
    },
    "mapping.expected_list": {
        "ja": "{where} は [a, b] のような一覧にしてください（書かれている値: {value}）",
        "en": "{where} should be a list such as [a, b], not {value}",
    },
    "mapping.expected_int": {
        "ja": "{where} は整数にしてください（書かれている値: {value}）",
        "en": "{where} should be a whole number, not {value}",
    },
    "mapping.too_small": {
        "ja": "{where} は {limit} 以上にしてください（書かれている値: {value}）",
        "en": "{where} should be at least {limit}, not {value}",
    },
    "mapping.one_char": {
        "ja": "{where} は 1 文字にしてください（書かれている値: {value}）",
        "en": "{where} should be one character, not {value}",
    },
    "mapping.empty_list": {
        "ja": "{where} の一覧が空です。少なくとも一つの列を書いてください",
        "en": "{where} is an empty list; name at least one column",
    },
    "mapping.choice": {
        "ja": "{where} には {choices} のいずれかを書いてください（書かれている値: {value}）",
        "en": "{where} must be one of {choices}, not {value}",
    },
    "mapping.one_origin_many": {
        "ja": "列「{column_name}」に {given} が同時に書かれています。source・concat・constant はどれか一つにしてください",
        "en": "column '{column_name}' gives {given}; give only one of source, concat and constant",
    },
    "mapping.one_origin_none": {
        "ja": "列「{column_name}」に値の出どころがありません。source・concat・constant・default のどれかを書いてください",
        "en": "column '{column_name}' has no source of values; "
        "give one of source, concat, constant or default",
    },
    "mapping.invalid_value": {
        "ja": "{where} の値 {value} は使えません",
        "en": "{where}: the value {value} cannot be used",
    },
    "mapping.unknown_target": {
        "ja": "target の「{target}」というデータセットはありません{hint}。"
        "一覧は stdschema datasets で確認できます",
        "en": "target '{target}' is not a known dataset{hint}; stdschema datasets lists them",
    },
    "mapping.unknown_column": {
        "ja": "「{column_name}」は {dataset} の項目ではありません{hint}",
        "en": "'{column_name}' is not a column of {dataset}{hint}",
    },
    "mapping.duplicate_target": {
        "ja": "「{column_name}」と {other_line} 行目の「{other}」がどちらも {header} を埋めています。どちらか一つにしてください",
        "en": "'{column_name}' and '{other}' (line {other_line}) both fill {header}; keep one",
    },
    "mapping.unknown_transform": {
        "ja": "列「{column_name}」の変換「{name}」はありません{hint}",
        "en": "column '{column_name}': there is no transform '{name}'{hint}",
    },
    "mapping.transform_shape": {
        "ja": "列「{column_name}」の変換 {value} の書き方が違います。変換は名前だけ（trim）か、"
        '名前と引数の組（{{split: {{sep: "、", index: 0}}}}）で書いてください',
        "en": "column '{column_name}': the transform {value} is not written right; a transform is "
        'a name (trim) or a name with its argument ({{split: {{sep: "、", index: 0}}}})',
    },
    "mapping.transform_needs_argument": {
        "ja": "変換「{name}」には引数が必要です。例: {example}",
        "en": "transform '{name}' needs an argument, e.g. {example}",
    },
    "mapping.transform_no_argument": {
        "ja": "変換「{name}」は引数を取りません。「{name}」とだけ書いてください",
        "en": "transform '{name}' takes no argument; write just {name}",
    },
    "mapping.transform_bad_argument": {
        "ja": "変換「{name}」の引数が正しくありません（{detail}）。例: {example}",
        "en": "the argument of transform '{name}' is wrong ({detail}); e.g. {example}",
    },
    "mapping.unknown_source": {
        "ja": "入力の列「{name}」は {file} にありません{hint}（{file} の列: {columns}）",
        "en": "input column '{name}' is not in {file}{hint} (its columns: {columns})",
    },
    "mapping.value_empty": {"ja": "空欄", "en": "nothing"},
    "mapping.top_level": {"ja": "ファイルの最上位", "en": "the top level"},
    # --- conversion: map suggest (issue 12) ---
    "suggest.title": {
        "ja": "`stdschema map suggest` が提案したマッピングです。使う前に確認してください。",
        "en": "Mapping suggested by `stdschema map suggest`: review it before use.",
    },
    "suggest.input": {"ja": "入力:   {path}", "en": "input:  {path}"},
    "suggest.input_unknown": {"ja": "（不明）", "en": "(unknown)"},
    "suggest.rows_sampled": {"ja": "（見本 {rows} 行）", "en": " ({rows} rows sampled)"},
    "suggest.target": {"ja": "変換先: {target}（{name}）", "en": "target: {target} ({name})"},
    "suggest.mapped": {
        "ja": "対応付け: 標準の {total} 列のうち {mapped} 列",
        "en": "mapped: {mapped} of {total} standard columns",
    },
    "suggest.required_unmapped": {
        "ja": "。◎（必須）で未対応: {columns}",
        "en": "; required but unmapped: {columns}",
    },
    "suggest.guide_1": {
        "ja": "各行の末尾に確からしさ（0〜1）と根拠を書いています。コメントになっている行は",
        "en": "Each entry ends with its confidence (0-1) and the evidence. Entries that",
    },
    "suggest.guide_2": {
        "ja": "確かな入力列が見つからなかった列です。`source:`（入力の列名）、`concat:`、`constant:` の",
        "en": "are commented out had no confident source: write `source:` (an input",
    },
    "suggest.guide_3": {
        "ja": "どれかを書き、行頭の '# ' を消してください。",
        "en": "column), `concat:` or `constant:`, then remove the leading '# '.",
    },
    "suggest.use": {
        "ja": "使い方: stdschema convert 入力ファイル --mapping このファイル --output 出力.csv",
        "en": "Use it with: stdschema convert INPUT --mapping THIS_FILE --output OUT.csv",
    },
    "suggest.note": {"ja": "メモ: {text}", "en": "note: {text}"},
    "suggest.confidence": {"ja": "確からしさ {value}: {why}", "en": "confidence {value}: {why}"},
    "suggest.also_possible": {"ja": "ほかの候補: {columns}", "en": "also possible: {columns}"},
    "suggest.no_candidate_entry": {"ja": "候補なし{needed}", "en": "no candidate found{needed}"},
    "suggest.candidate": {
        "ja": "候補、確からしさ {value}{needed}: {why}",
        "en": "candidate, confidence {value}{needed}: {why}",
    },
    "suggest.needed_required": {"ja": "（◎ 必須）", "en": " (◎ required)"},
    "suggest.needed_recommended": {"ja": "（○ 推奨）", "en": " (○ recommended)"},
    "suggest.warning": {"ja": "注意: {text}", "en": "warning: {text}"},
    "suggest.unused": {"ja": "使っていない入力列: ", "en": "unused input columns: "},
    "suggest.all_used": {"ja": "入力の列はすべて使っています", "en": "every input column is used"},
    "suggest.separator": {"ja": "、", "en": "; "},
    "suggest.list_separator": {"ja": "、", "en": ", "},
    "suggest.written": {
        "ja": "{path}: 標準の {total} 列のうち {mapped} 列を対応付けました",
        "en": "{path}: {mapped}/{total} columns mapped",
    },
    "suggest.edition_v1": {"ja": "推奨データセット（v1）", "en": "推奨 (v1)"},
    "suggest.edition_v2": {"ja": "標準（v2）", "en": "標準 (v2)"},
    "suggest.exact": {"ja": "見出しが完全に一致", "en": "header matches exactly"},
    "suggest.fuzzy": {
        "ja": "見出し「{source}」が「{similar}」に似ている",
        "en": "header '{source}' resembles '{similar}'",
    },
    "suggest.renamed": {
        "ja": "見出し「{source}」は{edition}での{header}の名前",
        "en": "header '{source}' is the {edition} name of {header}",
    },
    "suggest.pair_header": {
        "ja": "見出し「{source}」は「緯度,経度」を一つのセルに書く列を表す",
        "en": "header '{source}' names a 'lat,lon' column",
    },
    "suggest.synonym": {
        "ja": "見出し「{source}」は{header}の言い換えとして知られている",
        "en": "header '{source}' is a known synonym of {header}",
    },
    "suggest.synonym_bracketed": {
        "ja": "見出し「{source}」は括弧書きを除くと{header}の言い換え",
        "en": "header '{source}' without its bracketed note is a synonym of {header}",
    },
    "suggest.keyword": {
        "ja": "見出し「{source}」に「{keyword}」が含まれる",
        "en": "header '{source}' contains '{keyword}'",
    },
    "suggest.age_band": {
        "ja": "見出し「{source}」は5歳階級の{band}と読める",
        "en": "header '{source}' reads as the 5-year age band {band}",
    },
    "suggest.suffix": {
        "ja": "見出し「{source}」の末尾が「{suffix}」",
        "en": "header '{source}' ends in '{suffix}'",
    },
    "suggest.spelled": {
        "ja": "見出し「{source}」は{header}の表記違い",
        "en": "header '{source}' is {header} spelled differently",
    },
    "suggest.english": {
        "ja": "見出し「{source}」は{header}の英語名",
        "en": "header '{source}' is the English name of {header}",
    },
    "suggest.alias": {
        "ja": "見出し「{source}」は{header}の別名として知られている",
        "en": "header '{source}' is a known alias of {header}",
    },
    "suggest.values_only": {
        "ja": "見出しに手がかりがなく、値だけで判断",
        "en": "no header evidence; judged by values only",
    },
    "suggest.also_fills": {
        "ja": "同じセルから{header}も埋める",
        "en": "the same cell also fills {header}",
    },
    "suggest.address_postal": {
        "ja": "住所の列「{source}」の先頭に郵便番号がある",
        "en": "the address column '{source}' starts with a postal code",
    },
    "suggest.swapped_rows": {
        "ja": "{count} 行で緯度と経度が入れ替わっている",
        "en": "{count} rows have 緯度 and 経度 swapped",
    },
    "suggest.already_used": {
        "ja": "「{source}」は別の列に使っている",
        "en": "'{source}' is already used for another column",
    },
    "suggest.no_candidate": {"ja": "候補なし", "en": "no candidate found"},
    "suggest.empty_column": {
        "ja": "見本の範囲では空の列",
        "en": "the column is empty in the sample",
    },
    "suggest.only_placeholders": {
        "ja": "「ー」のような「値なし」の印だけの列",
        "en": "the column holds only placeholders such as 'ー'",
    },
    "suggest.placeholders_blank": {
        "ja": "{values} は「値なし」の印として空欄にする",
        "en": "placeholder values {values} become blank",
    },
    "suggest.placeholders_blank_required": {
        "ja": "{header} は◎（必須）の列です。blank_if により {values} のセルは空欄になり"
        "（見本では {count} 行）、その行は convert で除外行になります。"
        "--keep-incomplete を付けると、その行は空欄のまま出力され、空欄が報告されます",
        "en": "{header} is a ◎ (required) column: blank_if makes the cells {values} blank "
        "({count} rows in the sample), and convert rejects those rows; with "
        "--keep-incomplete they are written with the cell left blank and reported",
    },
    "suggest.not_codes": {
        "ja": "値が地方公共団体コードではない",
        "en": "values are not local government codes",
    },
    "suggest.codes6": {
        "ja": "値が正しい6桁のコード（{share}）",
        "en": "values are valid 6-digit codes ({share})",
    },
    "suggest.codes5": {
        "ja": "値が検査数字のない5桁のコード（{share}）",
        "en": "values are 5-digit codes without the check digit ({share})",
    },
    "suggest.unique_ids": {
        "ja": "値が重複のない英数字のID",
        "en": "values are unique alphanumeric IDs",
    },
    "suggest.values_repeat": {
        "ja": "値が重複している（{n} 件中 {distinct} 種類）",
        "en": "values repeat ({distinct} distinct of {n})",
    },
    "suggest.kanji_not_kana": {
        "ja": "値に漢字が含まれ（{share}）、カナではない",
        "en": "values contain kanji ({share}), not kana",
    },
    "suggest.not_kana": {"ja": "値がカナではない", "en": "values are not kana"},
    "suggest.kana": {"ja": "値がカナ（{share}）", "en": "values are kana ({share})"},
    "suggest.half_kana": {
        "ja": "値の {share} が半角カタカナ",
        "en": "half-width katakana in {share} of values",
    },
    "suggest.hiragana": {"ja": "値の {share} がひらがな", "en": "hiragana in {share} of values"},
    "suggest.latin": {"ja": "値が英字の文字列", "en": "values are Latin-script text"},
    "suggest.not_half_width": {
        "ja": "値が半角の文字列ではない",
        "en": "values are not half-width text",
    },
    "suggest.postal": {"ja": "値が郵便番号（{share}）", "en": "values are postal codes ({share})"},
    "suggest.postal_prefix": {
        "ja": "値の先頭が郵便番号（{share}）",
        "en": "values start with a postal code ({share})",
    },
    "suggest.not_postal": {"ja": "値が郵便番号ではない", "en": "values are not postal codes"},
    "suggest.phone": {
        "ja": "値が電話番号らしい（{share}）",
        "en": "values look like phone numbers ({share})",
    },
    "suggest.phone_odd": {
        "ja": "{count} 件は電話番号ではない（例: 「{example}」）",
        "en": "{count} values are not, e.g. '{example}'",
    },
    "suggest.not_phone": {"ja": "値が電話番号ではない", "en": "values are not phone numbers"},
    "suggest.urls": {"ja": "値が URL（{share}）", "en": "values are URLs ({share})"},
    "suggest.not_urls": {"ja": "値が URL ではない", "en": "values are not URLs"},
    "suggest.emails": {
        "ja": "値がメールアドレス（{share}）",
        "en": "values are e-mail addresses ({share})",
    },
    "suggest.not_emails": {
        "ja": "値がメールアドレスではない",
        "en": "values are not e-mail addresses",
    },
    "suggest.numbers": {"ja": "値が数（{share}）", "en": "values are numbers ({share})"},
    "suggest.not_numbers": {"ja": "値が数ではない", "en": "values are not numbers"},
    "suggest.weekdays": {
        "ja": "値が曜日（{share}）",
        "en": "values are days of the week ({share})",
    },
    "suggest.not_weekdays": {"ja": "値が曜日ではない", "en": "values are not days of the week"},
    "suggest.yes_no": {"ja": "値が有無の印（{share}）", "en": "values are yes/no marks ({share})"},
    "suggest.not_yes_no": {"ja": "値が有無の印ではない", "en": "values are not yes/no marks"},
    "suggest.digits13": {"ja": "値が13桁（{share}）", "en": "values have 13 digits ({share})"},
    "suggest.not_digits13": {
        "ja": "値が13桁の数字ではない",
        "en": "values are not 13-digit numbers",
    },
    "suggest.digits7": {"ja": "値が7桁（{share}）", "en": "values have 7 digits ({share})"},
    "suggest.not_digits7": {"ja": "値が7桁のIDではない", "en": "values are not 7-digit IDs"},
    "suggest.latitudes": {
        "ja": "値が日本の範囲の緯度（{share}）",
        "en": "values are latitudes in Japan ({share})",
    },
    "suggest.longitudes": {
        "ja": "値が日本の範囲の経度（{share}）",
        "en": "values are longitudes in Japan ({share})",
    },
    "suggest.swapped_latitudes": {
        "ja": "値が緯度らしい（{share}）。緯度と経度が入れ替わっているかもしれない",
        "en": "values look like latitudes ({share}): 緯度 and 経度 may be swapped",
    },
    "suggest.swapped_longitudes": {
        "ja": "値が経度らしい（{share}）。緯度と経度が入れ替わっているかもしれない",
        "en": "values look like longitudes ({share}): 緯度 and 経度 may be swapped",
    },
    "suggest.not_coordinates": {
        "ja": "値が日本の範囲の座標ではない",
        "en": "values are not coordinates in Japan",
    },
    "suggest.pairs": {
        "ja": "値が「緯度,経度」の組（{share}）",
        "en": "values are 'lat,lon' pairs ({share})",
    },
    "suggest.pairs_lon_first": {
        "ja": "組が経度から先に書かれている",
        "en": "pairs are written longitude first",
    },
    "suggest.not_dates": {"ja": "値が日付ではない", "en": "values are not dates"},
    "suggest.wareki": {
        "ja": "値が和暦の日付らしい（{share}）",
        "en": "values look like 和暦 dates ({share})",
    },
    "suggest.dates": {"ja": "値が日付（{share}）", "en": "values are dates ({share})"},
    "suggest.us_dates": {
        "ja": "{count} 件が 月/日/年（M/D/YYYY）の順",
        "en": "{count} values are M/D/YYYY",
    },
    "suggest.times": {"ja": "値が時刻（{share}）", "en": "values are times ({share})"},
    "suggest.full_width_time": {
        "ja": "全角の数字またはコロンがある",
        "en": "full-width digits or colons",
    },
    "suggest.time24": {
        "ja": "{count} 件の「24:00」は時刻として正しくない（map で 23:59 にするか、"
        "{{time: {{allow_24: true}}}} で残して説明を添える）",
        "en": "'24:00' in {count} values is not a valid time "
        "(map it to 23:59, or keep it with {{time: {{allow_24: true}}}} and explain)",
    },
    "suggest.time_ranges": {
        "ja": "値が「{example}」のような時間帯（{share}）",
        "en": "values are time ranges like '{example}' ({share})",
    },
    "suggest.not_times": {"ja": "値が時刻ではない", "en": "values are not times"},
    "suggest.not_flags": {"ja": "値が ○/1 の印ではない", "en": "values are not ○/1 flags"},
    "suggest.flags": {"ja": "値が ○/1 の印（{share}）", "en": "values are ○/1 flags ({share})"},
    "suggest.other_values": {"ja": "ほかの値: {values}", "en": "other values: {values}"},
    "suggest.triangle": {
        "ja": "flag_1 は △（条件付き）を受け付けません。map か blank_if で扱いを決めてください",
        "en": "flag_1 refuses △ ('conditional'): decide it with map or blank_if",
    },
    "suggest.not_text": {
        "ja": "値が{noun}らしく（{share}）、文字列の列ではない",
        "en": "values look like {noun} ({share}), not text",
    },
    "suggest.noun_pair": {"ja": "座標の組", "en": "coordinate pairs"},
    "suggest.noun_lat": {"ja": "緯度", "en": "latitudes"},
    "suggest.noun_lon": {"ja": "経度", "en": "longitudes"},
    "suggest.noun_url": {"ja": "URL", "en": "URLs"},
    "suggest.noun_time": {"ja": "時刻", "en": "times"},
    "suggest.noun_date": {"ja": "日付", "en": "dates"},
    "suggest.noun_phone": {"ja": "電話番号", "en": "phone numbers"},
    "suggest.postal_before_address": {
        "ja": "値の {share} で住所の前に郵便番号がある",
        "en": "a postal code precedes the address in {share} of values",
    },
    "suggest.full_digits": {
        "ja": "値の {share} に全角数字がある",
        "en": "full-width digits in {share} of values",
    },
    "suggest.pub_constant_code": {
        "ja": "列「{source}」のコードがすべての行で同じ",
        "en": "constant code in column '{source}'",
    },
    "suggest.pub_filename": {"ja": "ファイル名から", "en": "from the file name"},
    "suggest.pub_attribution": {
        "ja": "ファイルの #attribution_name の行に「{name}」とある",
        "en": "the file's #attribution_name row names {name}",
    },
    "suggest.pub_municipality": {
        "ja": "市区町村名がすべての行で「{value}」",
        "en": "constant municipality name '{value}'",
    },
    "suggest.pub_registry_name": {
        "ja": "コード一覧での {code} の名称",
        "en": "the name of {code} in the code registry",
    },
    "suggest.pub_pref_city": {
        "ja": "「{pref}」と「{city}」で公開者の名称になる（v1 → v2 の upgrade と同じ）",
        "en": "'{pref}' + '{city}' name the publisher, as in the v1 → v2 upgrade",
    },
    "suggest.note_no_header": {
        "ja": "見出しのない列は名前で対応付けられないため、飛ばします",
        "en": "a column without a header cannot be mapped by name; it is skipped",
    },
    "suggest.note_repeat": {
        "ja": "見出し「{name}」が繰り返されています。対応付けられるのは最初の列だけです",
        "en": "header '{name}' repeats; only its first column can be mapped",
    },
    "suggest.note_header_line": {
        "ja": "見出し行は {line} 行目です（その前の {count} 行は表題などのため読み飛ばします）",
        "en": "header found on line {line} after {count} row(s) before it",
    },
    "suggest.note_property_marker": {
        "ja": "1列目は '#property' の印の列のため、見出しからも各行からも外します",
        "en": "the first column is the '#property' marker: it is left out of the header "
        "and of every record",
    },
    # --- conversion: engine, keep-incomplete, rejects and notes (issue 12) ---
    # transform errors (the rejects file's reasons; {value} is the cell as written, quoted)
    "tx.in_step": {"ja": "{transform}: {message}", "en": "{transform}: {message}"},
    "tx.katakana_kanji": {
        "ja": "{value} には漢字があり、読みが分からないためカタカナにできません",
        "en": "{value} has kanji, which cannot become katakana without a reading",
    },
    "tx.wareki_use_date": {
        "ja": "{value} は和暦の日付ではありません。date の変換を使ってください",
        "en": "{value} is not a 和暦 date; use the date transform",
    },
    "tx.year_only": {
        "ja": "{value} は年だけで月日がなく、日付ではありません",
        "en": "{value} is a year without month and day, not a date",
    },
    "tx.not_wareki": {
        "ja": "{value} は 令和3年6月1日、R5.4.1、H30/4/1 のような和暦の日付ではありません",
        "en": "{value} is not a 和暦 date such as 令和3年6月1日, R5.4.1 or H30/4/1",
    },
    "tx.excel_serial": {
        "ja": "{value} は Excel の日付のシリアル値のようです。date の前に excel_serial_date を置いてください",
        "en": "{value} looks like an Excel serial date; put excel_serial_date before date",
    },
    "tx.us_date": {
        "ja": "{value} は 月/日/年 の順に読めます。ファイルがその順で書いているなら "
        "{{date: {{us_order: true}}}} を使ってください",
        "en": "{value} reads as month/day/year; use {{date: {{us_order: true}}}} if the file "
        "writes dates so",
    },
    "tx.not_date": {"ja": "{value} は日付ではありません", "en": "{value} is not a date"},
    "tx.not_fiscal_year": {
        "ja": "{value} は 令和2年度 や 2020年度 のような年度ではありません",
        "en": "{value} is not a 年度 such as 令和2年度 or 2020年度",
    },
    "tx.time_24": {
        "ja": "{value} は時刻ではありません。24:00 を残すには {option} と書いてください",
        "en": "{value} is not a time of day; add {option} to keep 24:00",
    },
    "tx.time_24_in": {
        "ja": "{value} の {clock} は時刻ではありません。24:00 を残すには {option} と書いてください",
        "en": "{clock} in {value} is not a time of day; add {option} to keep 24:00",
    },
    "tx.not_time": {
        "ja": "{value} は 9:00 や 9時30分 のような時刻ではありません",
        "en": "{value} is not a time of day such as 9:00 or 9時30分",
    },
    "tx.not_time_in": {
        "ja": "{value} の {clock} は時刻ではありません",
        "en": "{clock} in {value} is not a time of day",
    },
    "tx.no_time_range": {
        "ja": "{value} の先頭に 9:00～17:00 のような時間帯がありません",
        "en": "no time range such as 9:00～17:00 at the start of {value}",
    },
    "tx.time_range_tail": {
        "ja": "{value} では最初の時間帯の後に書けるのは括弧書きの注記だけです",
        "en": "only notes in parentheses may follow the first time range in {value}",
    },
    "tx.not_phone": {
        "ja": "{value} は10桁か11桁の電話番号一つではありません",
        "en": "{value} is not one phone number of 10 or 11 digits",
    },
    "tx.not_postal": {
        "ja": "{value} は7桁の郵便番号ではありません",
        "en": "{value} is not a 7-digit postal code",
    },
    "tx.no_postal": {
        "ja": "{value} の先頭に 760-0052 のような郵便番号がありません",
        "en": "no postal code such as 760-0052 at the start of {value}",
    },
    "tx.code_ambiguous": {
        "ja": "全国地方公共団体コード {value} は {candidates} のどれか決まりません。"
        "マッピングの context に団体コードか都道府県を書いてください",
        "en": "ambiguous local government code {value}: could be {candidates}; set the "
        "publisher code or prefecture in the mapping context",
    },
    "tx.code_check_digit": {
        "ja": "全国地方公共団体コード {value} はありません（検査数字の誤り？ {near} はあります）",
        "en": "unknown local government code {value} (wrong check digit? {near} exists)",
    },
    "tx.code_unknown": {
        "ja": "全国地方公共団体コード {value} はありません",
        "en": "unknown local government code {value}",
    },
    "tx.no_gov_named": {
        "ja": "{value} という名前の地方公共団体はありません",
        "en": "no local government named {value}",
    },
    "tx.no_gov_named_in": {
        "ja": "{prefecture}に {value} という名前の地方公共団体はありません",
        "en": "no local government named {value} in {prefecture}",
    },
    "tx.gov_ambiguous": {
        "ja": "{value} に当たる地方公共団体が {count} あります（{listed}）。都道府県を指定してください",
        "en": "{value} names {count} local governments ({listed}); set the prefecture",
    },
    "tx.gov_ambiguous_in": {
        "ja": "{prefecture}に {value} に当たる地方公共団体が {count} あります（{listed}）。"
        "都道府県を指定してください",
        "en": "{value} names {count} local governments in {prefecture} ({listed}); set the "
        "prefecture",
    },
    "tx.not_lat_lon": {
        "ja": "{value} は「緯度,経度」の組ではありません",
        "en": "{value} is not a 'latitude,longitude' pair",
    },
    "tx.no_column": {
        "ja": "入力の行に列 {name} がありません",
        "en": "the source row has no column {name}",
    },
    "tx.conditional": {
        "ja": "{value} は「条件付き・一部」の意味です（ハザードの表では一部の規模でだけ安全、など）。"
        "有か無にすると推測になるため、先に map、replace、blank_if でファイルごとに扱いを決めてください",
        "en": "{value} means 'conditional / partly' (hazard tables use it for e.g. safe only at "
        "some levels); mapping it to yes or no would be a guess, so decide per file with map, "
        "replace or blank_if first",
    },
    "tx.not_yes_no": {
        "ja": "{value} は有無（有/無、あり/なし、○/×）ではありません",
        "en": "{value} is not yes/no (有/無, あり/なし, ○/×)",
    },
    "tx.not_flag": {
        "ja": "{value} はフラグ（○ か 1 は該当、×、- か空欄は非該当）ではありません",
        "en": "{value} is not a flag (○ or 1 for yes; ×, - or blank for no)",
    },
    "tx.not_weekdays": {
        "ja": "{value} は 月火水木金 や 月～金 のような曜日の並びではありません",
        "en": "{value} is not a list of days such as 月火水木金 or 月～金",
    },
    "tx.not_number": {"ja": "{value} は数値ではありません", "en": "{value} is not a number"},
    "tx.not_integer": {"ja": "{value} は整数ではありません", "en": "{value} is not a whole number"},
    "tx.no_match": {
        "ja": "{value} は {pattern} に一致しません",
        "en": "{value} does not match {pattern}",
    },
    "tx.split_range": {
        "ja": "{value} は {sep} で区切ると {count} 個に分かれるため、index {index} はありません",
        "en": "{value} has {count} part(s) split by {sep}, so index {index} is out of range",
    },
    # transform arguments (a mapping's transform spec that cannot run)
    "txarg.the_argument": {"ja": "引数", "en": "the argument"},
    "txarg.not_mapping": {
        "ja": "引数は {keys} をキーとする対応表にしてください（{value} と書かれています）",
        "en": "the argument must be a mapping with {keys}, got {value}",
    },
    "txarg.unknown_key": {
        "ja": "キー {entry} はありません{hint}。使えるキー: {keys}",
        "en": "unknown key {entry}{hint}; allowed: {keys}",
    },
    "txarg.did_you_mean": {"ja": "（{name} の誤り？）", "en": " (did you mean {name}?)"},
    "txarg.missing_key": {"ja": "キー {entry} がありません", "en": "missing key {entry}"},
    "txarg.wrong_kind": {
        "ja": "{what} は{kind}にしてください（{value} と書かれています）{hint}",
        "en": "{what} must be {kind}, got {value}{hint}",
    },
    "txarg.quote_it": {
        "ja": "。YAML では引用符で囲んでください",
        "en": " (quote it in YAML)",
    },
    "txarg.bad_regex": {
        "ja": "正規表現 {pattern} が正しくありません: {error}",
        "en": "invalid regular expression {pattern}: {error}",
    },
    "txarg.regex_too_deep": {
        "ja": "正規表現 {pattern} が正しくありません: グループの入れ子が深すぎます",
        "en": "invalid regular expression {pattern}: groups are nested too deeply",
    },
    "txarg.bad_replacement": {
        "ja": "置き換える文字列 {replace} が正しくありません: {error}",
        "en": "invalid replacement {replace}: {error}",
    },
    "txarg.no_named_group": {
        "ja": "正規表現に {group} という名前のグループがありません",
        "en": "the pattern has no group named {group}",
    },
    "txarg.no_group": {
        "ja": "グループ {group} はありません（正規表現のグループは {count} 個）",
        "en": "group {group} does not exist (the pattern has {count})",
    },
    "txarg.shape": {
        "ja": '変換は名前だけか、{{split: {{sep: "、", index: 0}}}} のような一つのキーの対応表で書きます'
        "（{value} と書かれています）",
        "en": 'a transform is a name or a one-key mapping such as {{split: {{sep: "、", index: 0}}}}'
        ", got {value}",
    },
    "txarg.needs_argument": {
        "ja": "変換 {name} には引数が必要です。例: {example}",
        "en": "transform {name} needs an argument, e.g. {example}",
    },
    "txarg.takes_none": {
        "ja": "変換 {name} は引数をとりません。{bare} とだけ書いてください",
        "en": "transform {name} takes no argument; write just {bare}",
    },
    "txarg.in_transform": {
        "ja": "変換 {name}: {detail}。例: {example}",
        "en": "transform {name}: {detail}; e.g. {example}",
    },
    "txarg.unknown_transform": {
        "ja": "変換 {name} はありません{hint}",
        "en": "unknown transform {name}{hint}",
    },
    "txarg.unknown_transform_hint": {
        "ja": "（{suggestion} の誤り？）",
        "en": "; did you mean {suggestion}?",
    },
    # convert / upgrade: the engine's reasons, notes and errors
    "convert.list_sep": {"ja": "、", "en": ", "},
    "convert.need_mapping_or_dataset": {
        "ja": "マッピングファイル（--mapping）か変換先のデータセット（--dataset）を指定してください",
        "en": "give a mapping file (--mapping) or a target dataset (--dataset)",
    },
    "convert.mapping_and_dataset": {
        "ja": "--mapping と --dataset はどちらか一方だけを指定してください",
        "en": "give either --mapping or --dataset, not both",
    },
    "convert.unknown_format": {
        "ja": "出力形式 {fmt} は使えません。{choices} のどれかを指定してください",
        "en": "unknown output format {fmt}; use one of {choices}",
    },
    "convert.not_a_column": {
        "ja": "columns: {entry} は {target} の列ではありません",
        "en": "columns: {entry} is not a column of {target}",
    },
    "convert.fills_twice": {
        "ja": "columns: {entry} とほかの項目がどちらも {header} を埋めています",
        "en": "columns: {entry} and another entry both fill {header}",
    },
    "convert.note_unused": {
        "ja": "入力の {count} 列は {target} に置き場所がないため書き出しません"
        "（値は変更記録に dropped として載せます）: {columns}",
        "en": "{count} input column(s) have no place in {target} and are not written (their "
        "values are listed in the change log as dropped): {columns}",
    },
    "convert.note_repeats": {
        "ja": "列「{cell}」は {header} の繰り返しです。最初の列を使います",
        "en": "column '{cell}' repeats {header}; the first one is used",
    },
    "convert.note_read_as": {
        "ja": "列「{cell}」を {header} として読みました",
        "en": "column '{cell}' read as {header}",
    },
    "convert.transform_error": {"ja": "{column}: {message}", "en": "{column}: {message}"},
    "convert.skipped": {
        "ja": "マッピングの指定（source.skip_rows）で読み飛ばした行です",
        "en": "skipped by the mapping (source.skip_rows)",
    },
    "convert.blank_row": {"ja": "空の行です", "en": "blank row"},
    "convert.extra_cells": {
        "ja": "この行には {cells} 個のセルがあり、見出しの {width} 列より多いため、どの列の値か決まりません",
        "en": "the row has {cells} cells, more than the header's {width}",
    },
    "convert.id_repeats": {
        "ja": "{header}: {value} は {line} 行目と重複しています",
        "en": "{header}: {value} repeats line {line}",
    },
    "convert.not_v1": {
        "ja": "{file} は推奨データセット（v1）のファイルではありません（判定: {got}）。"
        "--dataset ID@v1 で v1 のデータセットを指定してください",
        "en": "{file} is not recognised as a 推奨データセット (v1) file (detected: {got}); name it "
        "with --dataset ID@v1",
    },
    "convert.already_v2": {
        "ja": "{file} はすでに現行版（{got}、自治体標準オープンデータセット）の形式です。"
        "upgrade は推奨データセット（v1）のファイル用です。検査は stdschema validate {file} でできます",
        "en": "{file} is already in the current edition ({got}); upgrade is for 推奨データセット "
        "(v1) files. Check it with stdschema validate {file}",
    },
    "convert.detected_nothing": {"ja": "該当なし", "en": "nothing"},
    "convert.not_v1_layout": {
        "ja": "{layout} は推奨データセット（v1）の様式ではありません。upgrade には ID@v1 を指定してください",
        "en": "{layout} is not a 推奨データセット (v1) layout; upgrade takes ID@v1",
    },
    "convert.needs_mapping": {
        "ja": "{file} の見出しは {target} の形式ではありません（{target} の列のうち見つかったのは "
        "{found}/{total} 列）。--dataset だけの変換は、ほぼ標準形式のファイルの修正用です。"
        "まず `stdschema map suggest {file} --dataset {target} -o mapping.yaml` でマッピングを作り、"
        "確かめてから `stdschema convert {file} --mapping mapping.yaml -o {output}` で変換してください",
        "en": "the header of {file} is not in the {target} layout (only {found} of its {total} "
        "columns found); --dataset alone fixes near-standard files. Draft a mapping with "
        "`stdschema map suggest {file} --dataset {target} -o mapping.yaml`, check it, then "
        "convert with `stdschema convert {file} --mapping mapping.yaml -o {output}`",
    },
    "convert.counts_mismatch": {
        "ja": "行数が合いません（読み込み ≠ 書き出し + 除外）。不具合です",
        "en": "row counts do not reconcile (read != written + rejected)",
    },
    # the change log's description of each kind of change (transforms describe themselves)
    "convert.change.map": {
        "ja": "マッピングの map で値を置き換えました",
        "en": "replaced by the mapping's map",
    },
    "convert.change.default": {
        "ja": "空欄にマッピングの default を入れました",
        "en": "blank cell filled with the mapping's default",
    },
    "convert.change.strip": {
        "ja": "値の前後の空白を取り除きました",
        "en": "spaces around the value removed",
    },
    "convert.change.dropped": {
        "ja": "標準にこの入力列の置き場所がないため書き出していません",
        "en": "not written: the standard has no place for this input column",
    },
    "convert.change.excel_safe": {
        "ja": "表計算ソフトが数式として実行しないよう先頭に ' を付けました（--excel-safe）",
        "en": "prefixed with ' so that a spreadsheet does not run it as a formula (--excel-safe)",
    },
    "convert.change.replace_invalid_xml_char": {
        "ja": "XML に書けない制御文字を置き換えました",
        "en": "a control character XML cannot hold was replaced",
    },
    "convert.change.normalize_local_gov_code": {
        "ja": "全国地方公共団体コードを6桁に直しました",
        "en": "local government code completed to 6 digits",
    },
    # --keep-incomplete
    "convert.keep_hint": {
        "ja": "除外した {count} 行は、空欄か変換・検査に通らない値だけが理由です。"
        "--keep-incomplete を付けると、該当するセルを空欄にしてその行も書き出し、空欄を一覧にします",
        "en": "{count} rejected row(s) failed only for blank cells or values a transform or rule "
        "refused; with --keep-incomplete they are written with those cells blank and each gap "
        "listed",
    },
    "convert.gaps_heading": {
        "ja": "空欄のまま書き出したセル {gaps} 件（{rows} 行）。Excel で埋めてから stdschema validate "
        "で検査してください（一覧は変更記録の left_blank の行）:",
        "en": "{gaps} cell(s) in {rows} row(s) were written blank: fill them in (e.g. in Excel) "
        "and check with stdschema validate (all of them are the change log's left_blank rows):",
    },
    "convert.gap_line": {
        "ja": "{row} 行目 {column}: {reason}",
        "en": "row {row}, {column}: {reason}",
    },
    "convert.gaps_more": {
        "ja": "…ほか {count} 件は変更記録にあります",
        "en": "… {count} more in the change log",
    },
    "convert.change.left_blank": {
        "ja": "空欄のまま書き出しました（--keep-incomplete）",
        "en": "written blank (--keep-incomplete)",
    },
    # console summary of convert / upgrade
    "convert.summary": {
        "ja": "{input} → {output}（{target}、{mode}）: 読み込み {read} 行 = 書き出し {written} 行 + "
        "除外 {rejected} 行（修正した行 {repaired}、修正した値 {changes}、標準にない列の値 {dropped}{extra}）",
        "en": "{input} → {output} ({target}, {mode}): read {read} = written {written} + rejected "
        "{rejected} (rows repaired {repaired}, values changed {changes}, values dropped {dropped}{extra})",
    },
    "convert.summary_incomplete": {
        "ja": "、空欄のまま書き出した行 {incomplete}（空欄 {gaps}）",
        "en": "; rows written with gaps {incomplete} ({gaps} blank cells)",
    },
    "convert.summary_rejects": {"ja": "除外行: {path}", "en": "rejects: {path}"},
    "convert.summary_changes": {"ja": "変更記録: {path}", "en": "changes: {path}"},
    "convert.mode.mapping": {"ja": "マッピング", "en": "mapping"},
    "convert.mode.fix": {"ja": "修正", "en": "fix"},
    "convert.mode.upgrade": {"ja": "版の移行", "en": "upgrade"},
    # --- conversion: writers, excel-safe and typed outputs (issue 12) ---
    # --- Table Schema (issue 14) ---
    "schema.unknown_format": {
        "ja": "--format には {expected} のいずれかを指定してください（指定された値: {value}）",
        "en": "--format must be one of {expected}, got {value}",
    },
    "report.detected_by.schema": {"ja": "--schema のファイル", "en": "the --schema file"},
    "custom.schema_and_dataset": {
        "ja": "--schema と --dataset は同時に指定できません（どちらか一方にしてください）",
        "en": "--schema and --dataset cannot be used together (give one of them)",
    },
    "custom.schema_and_mapping": {
        "ja": "--schema は --mapping と同時に指定できません（--schema で定義したデータセットへは"
        "修正モードで変換します）",
        "en": "--schema cannot be used with --mapping (a dataset defined by --schema is "
        "converted to in fix mode)",
    },
    "custom.unreadable": {
        "ja": "スキーマファイル {path} を読めません: {reason}",
        "en": "cannot read the schema file {path}: {reason}",
    },
    "custom.not_utf8": {
        "ja": "スキーマファイル {path} は UTF-8 ではありません",
        "en": "the schema file {path} is not UTF-8",
    },
    "custom.syntax": {
        "ja": "スキーマファイル {path} の {line} 行目が読めません: {reason}",
        "en": "the schema file {path} cannot be parsed at line {line}: {reason}",
    },
    "custom.not_a_schema": {
        "ja": "{path} は Table Schema（fields の一覧）でもデータセット定義（columns の一覧）でも"
        "ありません",
        "en": "{path} is neither a Table Schema (a list of fields) nor a dataset definition "
        "(a list of columns)",
    },
    "custom.field_not_mapping": {
        "ja": "{path}: {index} 番目の項目が name などを持つ項目の定義になっていません",
        "en": "{path}: item {index} is not a field definition with a name",
    },
    "custom.field_name": {
        "ja": "{path}: {index} 番目の項目に name（項目名）がありません",
        "en": "{path}: item {index} has no name (the column header)",
    },
    "custom.duplicate": {
        "ja": "{path}: 項目名「{field}」が2回定義されています",
        "en": "{path}: the column '{field}' is defined twice",
    },
    "custom.unknown_key": {
        "ja": "{path}: 知らないキー {item} です（もしかして: {hint}）",
        "en": "{path}: unknown key {item} (did you mean: {hint})",
    },
    "custom.unknown_column_key": {
        "ja": "{path}: 項目「{field}」: 知らないキー {item} です（もしかして: {hint}）",
        "en": "{path}: column '{field}': unknown key {item} (did you mean: {hint})",
    },
    "custom.unknown_format": {
        "ja": "{path}: 項目「{field}」: 知らない形式 {value} です（もしかして: {hint}。"
        "一覧は docs/table-schema.md）",
        "en": "{path}: column '{field}': unknown format {value} (did you mean: {hint}; "
        "the list is in docs/table-schema.md)",
    },
    "custom.unsupported_type": {
        "ja": "{path}: 項目「{field}」: 型 {value} には対応していません（string にして "
        "format で規則を指定してください）",
        "en": "{path}: column '{field}': type {value} is not supported (use string and "
        "name the rule in format)",
    },
    "custom.unsupported_constraint": {
        "ja": "{path}: 項目「{field}」: 制約 {name} には対応していません（対応: {supported}）",
        "en": "{path}: column '{field}': the constraint {name} is not supported "
        "(supported: {supported})",
    },
    "custom.pattern": {
        "ja": "{path}: 項目「{field}」: 任意の pattern は検査できません（{value}）。"
        "format で規則を指定してください",
        "en": "{path}: column '{field}': a free pattern cannot be checked ({value}); "
        "name a rule in format instead",
    },
    "custom.unique": {
        "ja": "{path}: 項目「{field}」: unique は ID の列（format: record-id）にだけ指定できます",
        "en": "{path}: column '{field}': unique is checked on ID columns only (format: record-id)",
    },
    "custom.bad_value": {
        "ja": "{path}: 項目「{field}」: {item} の値 {value} が正しくありません",
        "en": "{path}: column '{field}': {item} cannot be {value}",
    },
    "custom.missing_id": {
        "ja": "{path}: データセットの id（例 bus_stops）がありません",
        "en": "{path}: the dataset has no id (e.g. bus_stops)",
    },
    "custom.bad_id": {
        "ja": "{path}: データセットの id {value} は英小文字・数字・_ で書きます（例 bus_stops）",
        "en": "{path}: the dataset id {value} must be lower-case letters, digits and _ "
        "(e.g. bus_stops)",
    },
    "custom.bad_edition": {
        "ja": "{path}: 版 {value} は {expected} のいずれかで書きます",
        "en": "{path}: the edition {value} must be one of {expected}",
    },
    "custom.missing_values": {
        "ja": '{path}: missingValues は [""] だけに対応しています（空のセルだけが空欄です）: {value}',
        "en": '{path}: only missingValues [""] is supported (only an empty cell is blank): {value}',
    },
    "custom.primary_key": {
        "ja": "{path}: primaryKey の {value} という項目がありません",
        "en": "{path}: the primaryKey names {value}, which is not a field",
    },
    "custom.no_columns": {
        "ja": "{path}: 項目が1つもありません",
        "en": "{path}: no columns are defined",
    },
    # --- usage errors of the CLI and the registry ---
    "usage.lang": {
        "ja": "--lang には ja か en を指定してください（指定された値: {value}）",
        "en": "--lang must be ja or en, got {value}",
    },
    "usage.no_input": {
        "ja": "指定に合う入力ファイルがありません: {paths}",
        "en": "no input files matched {paths}",
    },
    "usage.engine": {
        "ja": "--engine には auto、fast、pydantic のいずれかを指定してください（指定された値: {value}）",
        "en": "--engine must be auto, fast or pydantic; got {value}",
    },
    "usage.fail_on": {
        "ja": "--fail-on には error、warning、info のいずれかを指定してください（指定された値: {value}）",
        "en": "--fail-on must be error, warning or info; got {value}",
    },
    "usage.interrupted": {"ja": "中断しました", "en": "interrupted"},
    "usage.internal_error": {
        "ja": "内部エラー: {detail}（stdschema の不具合です。この行を添えて報告してください）",
        "en": "internal error: {detail} (a bug in stdschema; please report it with this line)",
    },
    "dataset.unknown": {
        "ja": "データセット {value} はありません。stdschema datasets で一覧を確認してください",
        "en": "unknown dataset {value}; `stdschema datasets` lists them",
    },
    "dataset.unknown_near": {
        "ja": "データセット {value} はありません。{hint} のことですか？",
        "en": "unknown dataset {value}; did you mean {hint}?",
    },
    "dataset.unknown_edition": {
        "ja": "版 {value} はありません（{expected} のいずれか）",
        "en": "unknown edition {value}; expected one of {expected}",
    },
    "dataset.worded": {"ja": "{text}", "en": "{text}"},
    "dataset.edition_twice": {
        "ja": "版が2回指定されています: {given} と {edition}",
        "en": "edition given twice: {given} and {edition}",
    },
    # --- help and usage (issue 14) ---
    # Command and option help: resolved once when the CLI is imported, in the language of
    # --lang on the command line, else STDSCHEMA_LANG (docs/cli-language.md).
    "help.app": {
        "ja": "自治体標準オープンデータセットの検証・変換ツール",
        "en": "Validate and convert Japan's municipal standard open data.",
    },
    "help.version": {"ja": "バージョンを表示して終了します。", "en": "Show the version and exit."},
    "help.help": {"ja": "このヘルプを表示して終了します。", "en": "Show this message and exit."},
    "help.lang": {
        "ja": "メッセージとヘルプの言語: ja（既定）か en。環境変数 STDSCHEMA_LANG でも指定できます。",
        "en": "Language of messages and help: ja (default) or en. Env: STDSCHEMA_LANG.",
    },
    "help.root_lang": {
        "ja": "ヘルプとメッセージの言語: ja か en（この実行だけ STDSCHEMA_LANG を指定したのと同じ）。",
        "en": "Language of help and messages: ja or en (as STDSCHEMA_LANG for this run).",
    },
    "help.validate": {
        "ja": "ファイルを標準データセットに照らして検証し、すべての問題を報告します。\n\n"
        "終了コード: 0 問題なし、1 --fail-on 以上の問題あり、2 使い方の誤りか読めない入力。",
        "en": "Validate files against a standard dataset and report every problem.\n\n"
        "Exit codes: 0 valid, 1 problems at or above --fail-on, 2 usage error or unreadable "
        "input.",
    },
    "help.validate.paths": {
        "ja": "ファイル、フォルダ、glob パターン（CSV、XLSX、XML）、または https:// などの URL。",
        "en": "Files, directories or globs (CSV, XLSX, XML), or URLs such as https://.",
    },
    "help.validate.dataset": {
        "ja": "照合するデータセット（例: public_toilets@v2）。",
        "en": "Dataset to check against, e.g. public_toilets@v2.",
    },
    "help.validate.schema": {
        "ja": "Table Schema かデータセット YAML のファイルが定義するデータセットで検証します"
        "（docs/table-schema.md）。",
        "en": "Check against the dataset a Table Schema or dataset YAML file defines "
        "(see docs/table-schema.md).",
    },
    "help.opt.encoding": {
        "ja": "文字コードを自動判定せず、この文字コードで読みます。",
        "en": "Read with this encoding instead of detecting it.",
    },
    "help.opt.sheet": {"ja": "XLSX のシート名か番号。", "en": "XLSX sheet name or number."},
    "help.validate.format": {
        "ja": "レポートの形式（xlsx は -o が必要です）。",
        "en": "Report format (xlsx needs -o).",
    },
    "help.validate.output": {
        "ja": "レポートをこのファイルに書きます。",
        "en": "Write the report here.",
    },
    "help.validate.bom": {
        "ja": "--format csv: Excel が UTF-8 を読むのに必要な BOM を先頭に付けます。"
        "既定: -o が .csv で終わるときは付け、標準出力には付けません"
        "（UTF-8 でない標準出力には決して付けません）。",
        "en": "--format csv: start with a UTF-8 byte-order mark, which Excel needs to read "
        "UTF-8. Default: a BOM when -o ends in .csv, none on stdout (never on a stdout "
        "that is not UTF-8).",
    },
    "help.validate.fail_on": {
        "ja": "この重要度以上の問題があれば終了コード 1 にします。",
        "en": "Exit 1 on problems of this severity or worse.",
    },
    "help.validate.max_problems": {
        "ja": "1ファイルあたり最大 N 件の問題の詳細を残します（件数は全件数えます）。",
        "en": "Keep details of at most N problems a file (counts stay complete).",
    },
    "help.validate.quiet": {
        "ja": "問題がなければ何も表示しません。",
        "en": "Print nothing when all is well.",
    },
    "help.validate.mask_values": {
        "ja": "レポートのセルの値を *** に置き換えます（CI のログ向け）。",
        "en": "Replace cell values with *** in the report (CI logs).",
    },
    "help.validate.jobs": {
        "ja": "N 個のプロセスでファイルを検証します。",
        "en": "Check files in N processes.",
    },
    "help.validate.engine": {
        "ja": "fast（ベクトル化した事前検査）、pydantic、または auto: 1 MiB 以上の CSV は fast。",
        "en": "fast (vectorised pre-check), pydantic, or auto: fast for CSV files of 1 MiB or "
        "more.",
    },
    "help.validate.select": {
        "ja": "この問題コードか重要度（カンマ区切り）だけを報告します。ほかは数えず、"
        "終了コードにも影響しません。docs/configuration.md を参照。",
        "en": "Report only these problem codes or severities (comma-separated): the others "
        "are not counted and cannot fail the run. See docs/configuration.md.",
    },
    "help.validate.ignore": {
        "ja": "この問題コードか重要度（カンマ区切り）を除きます。同じコードなら --select より"
        "優先します。",
        "en": "Leave out these problem codes or severities (comma-separated); for the same "
        "code it wins over --select.",
    },
    "help.validate.baseline": {
        "ja": "受け入れ済みの問題の JSON レポート: 同じ問題（ファイル、コード、項目、値。行は"
        "問いません）は既知として報告し、終了コードに影響しません。",
        "en": "A JSON report of accepted problems: the same problems now (file, code, column, "
        "value; not the line) are reported as known and do not fail the run.",
    },
    "help.validate.write_baseline": {
        "ja": "この実行の問題をベースラインとして FILE に書きます（読めないファイルがなければ"
        "終了コード 0）。",
        "en": "Write this run's problems to FILE as a baseline (exit 0 unless a file cannot "
        "be read).",
    },
    "help.opt.config": {
        "ja": "上の階層から見つかる stdschema.toml や pyproject.toml ではなく、このファイルの"
        "設定を使います。",
        "en": "Settings from this file instead of the stdschema.toml or pyproject.toml "
        "found upward.",
    },
    "help.opt.no_config": {"ja": "設定ファイルを読みません。", "en": "Ignore configuration files."},
    "help.convert": {
        "ja": "ファイルを標準の形に変換します: 出力、除外した行、すべての変更の記録。\n\n"
        "終了コード: 0 全行を出力、1 除外した行あり、2 使い方の誤り・読めない入力・"
        "壊れたマッピング（そのときは何も書きません）。",
        "en": "Convert a file to the standard: output, rejected rows and a log of every "
        "change.\n\nExit codes: 0 all rows written, 1 some rows rejected, 2 usage error, "
        "unreadable input or broken mapping (nothing is written then).",
    },
    "help.convert.source": {
        "ja": "旧形式か標準に近いファイル（CSV、XLSX、XML）。",
        "en": "Legacy or near-standard file (CSV, XLSX, XML).",
    },
    "help.opt.convert_output": {
        "ja": "出力ファイル。--format がなければ拡張子で形式を決めます。",
        "en": "Output file; its suffix picks the format unless --format is given.",
    },
    "help.convert.mapping": {"ja": "マッピングファイル（YAML）。", "en": "Mapping file (YAML)."},
    "help.convert.dataset": {
        "ja": "マッピングなしで、標準に近いファイルをこのデータセットとして直します。",
        "en": "Without a mapping: fix a near-standard file as this dataset.",
    },
    "help.convert.schema": {
        "ja": "マッピングなしで、標準に近いファイルを Table Schema かデータセット YAML の"
        "定義するデータセットとして直します（docs/table-schema.md）。",
        "en": "Without a mapping: fix a near-standard file as the dataset a Table Schema or "
        "dataset YAML file defines (see docs/table-schema.md).",
    },
    "help.opt.convert_format": {
        "ja": "出力の形式（既定: -o の拡張子から）。",
        "en": "Output format (default: from the suffix of -o).",
    },
    "help.opt.bom": {
        "ja": "UTF-8 の BOM を付けます（Excel 向け）。",
        "en": "Write a UTF-8 BOM (for Excel).",
    },
    "help.opt.excel_safe": {
        "ja": "表計算ソフトが数式として実行する CSV のセル（=…、@…、数値でない +/-）の先頭に ' を"
        "付けます（出力、除外ファイル、変更記録）。オフ: すべてのセルをそのまま書きます。",
        "en": "Prefix with ' the CSV cells a spreadsheet would run as a formula (=…, @…, +/- "
        "not a plain number), in the output, rejects file and change log. Off: every cell "
        "written as it is.",
    },
    "help.opt.rejects": {
        "ja": "除外した行のファイル（既定 OUT.rejects.csv）。",
        "en": "Rejects file (default OUT.rejects.csv).",
    },
    "help.opt.changes": {
        "ja": "変更記録のファイル（既定 OUT.changes.csv）。",
        "en": "Change log (default OUT.changes.csv).",
    },
    "help.opt.json_report": {
        "ja": "レポートを JSON で表示します。",
        "en": "Print the report as JSON.",
    },
    "help.opt.keep_incomplete": {
        "ja": "必須のセルが空、または変換やルールが受け付けなかった値だけが問題の行を、その"
        "セルを空にして書きます。空けたセルは変更記録と要約に載ります。",
        "en": "Write rows whose only problems are blank required cells or values a transform "
        "or rule refused, with those cells blank; each gap is listed in the change log and "
        "the summary.",
    },
    "help.upgrade": {
        "ja": "推奨データセット（v1）のファイルを現行の版（v2）に移行します。",
        "en": "Upgrade a 推奨データセット (v1) file to the current edition (v2).",
    },
    "help.upgrade.source": {
        "ja": "推奨データセット（v1）のファイル。",
        "en": "A 推奨データセット (v1) file.",
    },
    "help.upgrade.dataset": {
        "ja": "v1 のデータセット（見出し行から分からないとき）。",
        "en": "The v1 dataset, when the header does not say.",
    },
    "help.map": {"ja": "マッピングファイル。", "en": "Mapping files."},
    "help.map.suggest": {
        "ja": "見出しと値の例からマッピングファイルの下書きを作ります（項目ごとの確度付き）。",
        "en": "Draft a mapping file from header names and sample values, with a confidence "
        "per column.",
    },
    "help.suggest.source": {
        "ja": "マッピングする旧形式のファイル。",
        "en": "The legacy file to map.",
    },
    "help.suggest.dataset": {
        "ja": "変換先（例: aed_locations@v2）。",
        "en": "Target, e.g. aed_locations@v2.",
    },
    "help.suggest.output": {"ja": "YAML をこのファイルに書きます。", "en": "Write the YAML here."},
    "help.suggest.record_xpath": {"ja": "XML のレコードのパス。", "en": "XML record path."},
    "help.map.transforms": {
        "ja": "マッピングで使える変換の一覧（引数と例付き）。",
        "en": "List the transforms a mapping can use, with their arguments and examples.",
    },
    "help.transforms.json": {
        "ja": "JSON の一覧を表示します: 名前、引数、説明、例。",
        "en": "Print a JSON list: name, arguments, descriptions, examples.",
    },
    "help.datasets": {
        "ja": "標準データセットの一覧と判定。サブコマンドなしでは、すべての版を項目数と"
        "確度付きで一覧します。",
        "en": "List and detect standard datasets. Without a subcommand: list every dataset "
        "edition with its column count and confidence.",
    },
    "help.datasets.edition": {
        "ja": "この版（v1 か v2）だけ。",
        "en": "Only this edition (v1 or v2).",
    },
    "help.opt.json_list": {"ja": "JSON の一覧を表示します。", "en": "Print a JSON list."},
    "help.datasets.show": {
        "ja": "データセットの1つの版の項目を表示します。",
        "en": "Show the columns of one dataset edition.",
    },
    "help.datasets.show.dataset": {
        "ja": "データセット ID（例: public_toilets@v2）。",
        "en": "Dataset id, e.g. public_toilets@v2.",
    },
    "help.datasets.show.json": {
        "ja": "項目を JSON で表示します。",
        "en": "Print the columns as JSON.",
    },
    "help.datasets.detect": {
        "ja": "見出し行から各ファイルのデータセットと版を判定します。\n\n"
        "終了コード: 0 すべて判定できた、1 判定できないファイルあり、2 読めないファイルあり"
        "（ほかのファイルは判定して表示します）。",
        "en": "Detect the dataset and edition of each file from its header row.\n\n"
        "Exit code 0 when every file is recognised, 1 when one is not, 2 when one cannot be "
        "read (the others are still detected and listed).",
    },
    "help.datasets.detect.files": {
        "ja": "CSV、XLSX、XML のファイル。",
        "en": "CSV, XLSX or XML files.",
    },
    "help.schema": {
        "ja": "JSON Schema と Table Schema の書き出し。",
        "en": "Export JSON Schemas and Table Schemas.",
    },
    "help.schema.export": {
        "ja": "データセットの版ごとに JSON Schema（2020-12）と Table Schema を1つずつ、"
        "それに索引を書きます。",
        "en": "Write one JSON Schema (2020-12) and one Table Schema per dataset edition, and "
        "an index.",
    },
    "help.schema.out": {"ja": "書き出すフォルダ。", "en": "Folder to write into."},
    "help.schema.check": {
        "ja": "何も書かず、フォルダが古ければ終了コード 1 にします。",
        "en": "Write nothing; exit 1 when the folder is stale.",
    },
    "help.schema.format": {
        "ja": "all（既定）、json-schema（JSON Schema 2020-12 と index.json）、table-schema"
        "（Frictionless Table Schema、table-schema/ の下）。",
        "en": "all (default), json-schema (JSON Schema 2020-12 and index.json) or "
        "table-schema (Frictionless Table Schema, under table-schema/).",
    },
    "help.config": {
        "ja": "設定ファイル（stdschema.toml、pyproject.toml）の確認。",
        "en": "Show the configuration (stdschema.toml, pyproject.toml).",
    },
    "help.config.show": {
        "ja": "validate が使う設定と、それぞれの出どころを表示します。",
        "en": "Print the effective settings of validate and where each came from.",
    },
    "help.config.format": {"ja": "表示の形式。", "en": "Output format."},
    # Usage errors the command-line parser finds: one line in the run's language.
    "usage.choice": {
        "ja": "{option} には {choices} のいずれかを指定してください（指定された値: {value}）",
        "en": "{option} must be one of {choices}; got {value}",
    },
    "usage.not_int": {
        "ja": "{option} には整数を指定してください（指定された値: {value}）",
        "en": "{option} must be a whole number; got {value}",
    },
    "usage.too_small": {
        "ja": "{option} には {minimum} 以上の数を指定してください（指定された値: {value}）",
        "en": "{option} must be {minimum} or more; got {value}",
    },
    "usage.bad_value": {
        "ja": "{option} の値 {value} は使えません",
        "en": "{option} cannot take the value {value}",
    },
    "usage.no_such_option": {
        "ja": "{option} というオプションはありません",
        "en": "no such option: {option}",
    },
    "usage.did_you_mean": {
        "ja": "{option} というオプションはありません（{possible} のことですか？）",
        "en": "no such option: {option} (did you mean {possible}?)",
    },
    "usage.no_such_command": {
        "ja": "{command} というコマンドはありません",
        "en": "no such command: {command}",
    },
    "usage.command_near": {
        "ja": "{command} というコマンドはありません（{possible} のことですか？）",
        "en": "no such command: {command} (did you mean {possible}?)",
    },
    "help.label.arguments": {"ja": "引数", "en": "Arguments"},
    "help.label.options": {"ja": "オプション", "en": "Options"},
    "help.label.commands": {"ja": "コマンド", "en": "Commands"},
    "help.label.default": {"ja": "[既定: {}]", "en": "[default: {}]"},
    "help.label.required": {"ja": "[必須]", "en": "[required]"},
    "usage.missing_argument": {
        "ja": "{name} を指定してください",
        "en": "missing argument {name}",
    },
    "usage.missing_option": {
        "ja": "{option} を指定してください",
        "en": "missing option {option}",
    },
    "usage.needs_value": {
        "ja": "{option} には値が必要です",
        "en": "{option} needs a value",
    },
    "usage.extra_argument": {
        "ja": "余分な引数があります: {value}",
        "en": "unexpected extra argument: {value}",
    },
    "usage.other": {
        "ja": "コマンドラインの指定が正しくありません",
        "en": "the command line is not valid",
    },
    "usage.see_help": {
        "ja": "{line}。使い方: {command} --help",
        "en": "{line} (see {command} --help)",
    },
    # --- reader notes and guidance between commands (issue 12) ---
    # The English texts are the notes' stable form (Table.notes compares equal to them).
    "note.header_after_metadata": {
        "ja": "見出し行は {line} 行目です（その前のメタデータの行 {count} 行を読み飛ばしました）",
        "en": "header found on line {line} after {count} metadata row(s)",
    },
    "note.header_after_title": {
        "ja": "見出し行は {line} 行目です（その前の表題などの行 {count} 行を読み飛ばしました）",
        "en": "header found on line {line} after {count} title row(s)",
    },
    "note.property_marker": {
        "ja": "1列目は '#property' の印の列のため、見出しと各行から外しました"
        "（その値は各行の名札として残しています）",
        "en": "first column is the '#property' marker: it is dropped from the header and "
        "from every record (its values are kept as Record.label)",
    },
    "note.delimited_tab": {"ja": "区切り文字はタブです", "en": "tab-delimited"},
    "note.delimited_semicolon": {
        "ja": "区切り文字はセミコロン（;）です",
        "en": "semicolon-delimited",
    },
    "note.delimited_comma": {"ja": "区切り文字はカンマです", "en": "comma-delimited"},
    "note.sjis_alias": {
        "ja": "{name} は CP932（Microsoft による拡張版）として読みました",
        "en": "{name} read as CP932 (its Microsoft superset)",
    },
    "note.euc_over_cp932": {
        "ja": "CP932 としても読めますが、EUC-JP として読みました",
        "en": "also decodes as CP932, but reads as EUC-JP",
    },
    "note.sheet_of": {
        "ja": "{count} 枚のシートのうち「{sheet}」を読みます",
        "en": "reading sheet {sheet!r} of {count}",
    },
    "note.hidden_sheets": {
        "ja": "その前の非表示のシート {names} は読み飛ばしました",
        "en": "skipped hidden sheet(s) {names} before it",
    },
    "note.openpyxl_warning": {
        "ja": "openpyxl の警告: {message}",
        "en": "openpyxl: {message}",
    },
    "note.xml_declares_but_utf8": {
        "ja": "XML 宣言の文字コードは {declared} ですが、実際は UTF-8 です",
        "en": "declares {declared} but is UTF-8",
    },
    "note.xml_no_declaration": {
        "ja": "文字コードの宣言がなく UTF-8 でもないため、{name} として読みました",
        "en": "no encoding declaration and not UTF-8; read as {name}",
    },
    "note.xml_no_records": {
        "ja": "<record> 要素が1つもありません",
        "en": "the dataset has no <record> elements",
    },
    "note.xml_repeated_child": {
        "ja": "{line} 行目: 1つの record に <{name}> が繰り返されています。最初のものだけを読みます",
        "en": "line {line}: repeated <{name}> in a record; only the first is read",
    },
    "note.xml_ignored": {
        "ja": "<dataset> の下の record 以外の要素を無視しました: {listing}",
        "en": "ignored non-record elements under <dataset>: {listing}",
    },
    # What the rows passed over before the header were (validate's preamble-rows problem).
    "note.kind.metadata": {"ja": "メタデータ", "en": "metadata"},
    "note.kind.title": {"ja": "表題など", "en": "title"},
    "note.kind.blank": {"ja": "空行", "en": "blank"},
    "note.kind.before-header": {"ja": "見出し行より前", "en": "before-header"},
    "note.kind_separator": {"ja": "、", "en": ", "},
    # validate's guidance: the last lines of the text report for a file that needs a mapping
    "guidance.next": {
        "ja": "次に実行するコマンド（対応表の下書きを作り、見直してから変換します）:",
        "en": "Next (draft a mapping, review it, then convert):",
    },
    "guidance.next_pick": {
        "ja": "次に実行するコマンド（ID@v2 は stdschema datasets の一覧から選んだデータセットに"
        "置き換えます。対応表の下書きを作り、見直してから変換します）:",
        "en": "Next (replace ID@v2 with a dataset from `stdschema datasets`; draft a mapping, "
        "review it, then convert):",
    },
    # input: file-system errors
    "input.no_such_file": {"ja": "ファイルがありません", "en": "no such file"},
    "input.parent_not_directory": {
        "ja": "ファイルがありません（途中のフォルダがフォルダではありません）",
        "en": "no such file (a parent is not a directory)",
    },
    "input.is_directory": {
        "ja": "フォルダです。ファイルを指定してください",
        "en": "is a directory, not a file",
    },
    "input.permission": {
        "ja": "読み取りの権限がありません",
        "en": "permission denied: cannot read the file",
    },
    "input.not_regular": {
        "ja": "通常のファイルではありません（パイプ・ソケット・デバイス）。データをファイルに保存してから指定してください",
        "en": "not a regular file (a FIFO, socket or device); save the data to a file first",
    },
    # --- web: server, visits, uploads, pages and API (issue 15) ---
    "help.serve": {
        "ja": "ブラウザで使う作業画面（ローカルのウェブサーバー）を起動します。ファイルを"
        "ドロップして検証し、旧様式をフォームで対応付けて標準ファイルをダウンロードします。",
        "en": "Start the local web workbench: drop a file to validate it, map a legacy layout "
        "with a form and download the standard file.",
    },
    "help.serve.host": {
        "ja": "待ち受けるアドレス（既定 127.0.0.1: このパソコンからのみ）。",
        "en": "Address to listen on (default 127.0.0.1: this computer only).",
    },
    "help.serve.port": {"ja": "待ち受けるポート番号。", "en": "Port to listen on."},
    "help.serve.open": {
        "ja": "起動したらブラウザで開きます。",
        "en": "Open the page in a browser once started.",
    },
    "help.serve.max_upload_mb": {
        "ja": "アップロードできるファイルの上限（MB）。",
        "en": "Largest upload accepted, in MB.",
    },
    "help.serve.idle_minutes": {
        "ja": "この分数操作がない作業は終了し、一時フォルダを削除します。",
        "en": "End a visit (and remove its temporary folder) after this many idle minutes.",
    },
    "web.serve.url": {
        "ja": "stdschema の作業画面: {url}  （終了は Ctrl+C）",
        "en": "stdschema workbench: {url}  (Ctrl+C to stop)",
    },
    "web.serve.public_host": {
        "ja": "警告: {host} で待ち受けます。同じネットワークの誰でもファイルをアップロードできます。",
        "en": "Warning: listening on {host}: anyone on the network can upload files.",
    },
    "web.serve.bad_number": {
        "ja": "{option} には正の数を指定してください: {value}",
        "en": "{option} must be a positive number: {value}",
    },
    "web.serve.port_busy": {
        "ja": "ポート {port} を使えません（{reason}）。--port で別の番号を指定してください",
        "en": "cannot listen on port {port} ({reason}); choose another with --port",
    },
    "web.title": {"ja": "stdschema 作業画面", "en": "stdschema workbench"},
    "web.lang.ja": {"ja": "日本語", "en": "日本語"},
    "web.lang.en": {"ja": "English", "en": "English"},
    "web.index.intro": {
        "ja": "CSV・Excel（XLSX）・XML のファイルを選ぶと、標準データセットに合っているかを"
        "確かめ、旧様式なら標準の形に変換できます。ファイルはこのパソコンの外に送られません。",
        "en": "Choose a CSV, Excel (XLSX) or XML file: it is checked against the standard "
        "datasets, and a legacy layout can be converted to the standard. The file never "
        "leaves this computer.",
    },
    "web.index.file": {"ja": "データファイル", "en": "Data file"},
    "web.index.mapping": {
        "ja": "保存したマッピング（YAML、任意）: 指定するとフォームを飛ばして変換できます",
        "en": "Saved mapping (YAML, optional): convert without the form",
    },
    "web.index.upload": {"ja": "アップロードして確認", "en": "Upload and check"},
    "web.index.limit": {"ja": "上限 {mb} MB", "en": "Up to {mb} MB"},
    "web.end_visit": {
        "ja": "作業を終了（ファイルを削除）",
        "en": "End (delete the files)",
    },
    "web.visit.heading": {"ja": "ファイルの確認", "en": "Checking the file"},
    "web.visit.file": {"ja": "ファイル: {name}", "en": "File: {name}"},
    "web.visit.detected": {
        "ja": "判定したデータセット: {name}（{dataset}）",
        "en": "Detected dataset: {name} ({dataset})",
    },
    "web.visit.not_detected": {
        "ja": "標準データセットの様式と判定できませんでした（旧様式の可能性があります）。"
        "データセットを選んで、対応付けフォームで変換してください。",
        "en": "Not recognised as a standard dataset layout (perhaps a legacy layout). "
        "Choose the dataset and convert it with the mapping form.",
    },
    "web.visit.dataset": {"ja": "データセットと版", "en": "Dataset and edition"},
    "web.visit.dataset_button": {"ja": "このデータセットで確認", "en": "Check against it"},
    "web.visit.report": {"ja": "検証レポート", "en": "Validation report"},
    "web.visit.to_mapping": {
        "ja": "標準の形に変換する（対応付けフォーム）",
        "en": "Convert to the standard (mapping form)",
    },
    "web.visit.download_xlsx": {
        "ja": "レポートを Excel でダウンロード",
        "en": "Download the report as Excel",
    },
    "web.visit.saved_mapping": {
        "ja": "保存したマッピングがあります。そのまま変換できます。",
        "en": "A saved mapping was uploaded: convert with it directly.",
    },
    "web.visit.convert": {"ja": "このマッピングで変換", "en": "Convert with this mapping"},
    "web.visit.ended": {
        "ja": "作業を終了し、アップロードしたファイルを削除しました。",
        "en": "The visit has ended and the uploaded files were deleted.",
    },
    "web.visit.gone": {
        "ja": "この作業は終了したか、時間切れで削除されました。もう一度アップロードしてください。",
        "en": "This visit has ended or timed out and its files were deleted. Upload again.",
    },
    "web.map.heading": {"ja": "対応付けフォーム: {target}", "en": "Mapping form: {target}"},
    "web.map.intro": {
        "ja": "標準の項目ごとに、元ファイルのどの列を使うかと変換方法を選びます。"
        "◎ は必須、○ は推奨です。",
        "en": "For each standard column choose the source column and a transform. "
        "◎ required, ○ recommended.",
    },
    "web.map.col.target": {"ja": "標準の項目", "en": "Standard column"},
    "web.map.col.requirement": {"ja": "必須", "en": "Req."},
    "web.map.col.source": {"ja": "元の列", "en": "Source column"},
    "web.map.col.transform": {"ja": "変換", "en": "Transform"},
    "web.map.col.argument": {"ja": "引数", "en": "Argument"},
    "web.map.col.confidence": {"ja": "確度", "en": "Confidence"},
    "web.map.col.samples": {"ja": "値の例（変換前 → 後）", "en": "Samples (before → after)"},
    "web.map.none": {"ja": "（使わない）", "en": "(none)"},
    "web.map.kept": {"ja": "元の設定: {rule}", "en": "Set up as: {rule}"},
    "web.map.kept_note": {
        "ja": "「元の設定」と書かれた項目は、この画面では編集できない設定（固定値、列の連結、値の置き換え、"
        "複数の変換）です。そのまま使います。元の列か変換を選び直すと、その選択に置き換わります。",
        "en": "Rows marked 'Set up as' use a rule this form cannot edit (a fixed value, joined "
        "columns, a value map, several transforms); it is kept. Choosing another source column or "
        "transform replaces it.",
    },
    "web.map.preview": {
        "ja": "試しに変換（先頭 {limit} 行まで）: 読込 {read} 行、出力 {written} 行、除外 {rejected} 行",
        "en": "Trial conversion (first {limit} rows at most): read {read}, written {written}, "
        "rejected {rejected}",
    },
    "web.map.preview_all": {
        "ja": "試しに変換（ファイル全体）: 読込 {read} 行、出力 {written} 行、除外 {rejected} 行",
        "en": "Trial conversion (whole file): read {read}, written {written}, rejected {rejected}",
    },
    "web.map.example": {"ja": "例: {example}", "en": "Example: {example}"},
    "web.map.preview_button": {"ja": "プレビューを更新", "en": "Update the preview"},
    "web.map.convert_button": {"ja": "変換してダウンロードへ", "en": "Convert and download"},
    "web.map.unused": {
        "ja": "使われていない元の列: {columns}",
        "en": "Unused source columns: {columns}",
    },
    "web.map.no_dataset": {
        "ja": "データセットが決まっていません。確認画面でデータセットを選んでください。",
        "en": "No dataset chosen yet: choose one on the file's page.",
    },
    "web.back": {"ja": "ファイルの確認に戻る", "en": "Back to the file"},
    "web.result.heading": {"ja": "変換の結果", "en": "Conversion result"},
    "web.result.counts": {
        "ja": "読込 {read} 行、出力 {written} 行、除外 {rejected} 行",
        "en": "Read {read} rows, wrote {written}, rejected {rejected}",
    },
    "web.result.rejected_by": {
        "ja": "除外した理由（問題の種類ごとの行数。行ごとの理由は「除外した行」にあります）:",
        "en": "Why rows were rejected (rows by problem; each row's reason is in the rejected rows file):",
    },
    "web.result.gaps": {
        "ja": "空欄にして出力したセル: {n} 個（どのセルかは「変更の記録」にあります）",
        "en": "Cells written blank: {n} (the change log lists each)",
    },
    "web.keep_incomplete": {
        "ja": "不完全な行も出力する（問題のあるセルだけ空欄にする）",
        "en": "Keep incomplete rows (write the cells with problems blank)",
    },
    "web.keep_incomplete.hint": {
        "ja": "チェックしないと、必須の空欄や変換できない値がある行は「除外した行」に入ります。",
        "en": "Unticked, rows with a blank required cell or a value that cannot be converted go to the rejected rows.",
    },
    "web.result.download_csv": {
        "ja": "標準形式の CSV（UTF-8、BOM 付き: Excel で開けます）",
        "en": "Standard CSV (UTF-8 with BOM: opens in Excel)",
    },
    "web.result.download_xlsx": {
        "ja": "変換したファイルの検証レポート（Excel）",
        "en": "Validation report of the converted file (Excel)",
    },
    "web.result.download_changes": {"ja": "変更の記録（CSV）", "en": "Change log (CSV)"},
    "web.result.download_rejects": {"ja": "除外した行（CSV）", "en": "Rejected rows (CSV)"},
    "web.result.download_mapping": {
        "ja": "マッピング（YAML）: 来月のファイルはこれで一度に変換できます",
        "en": "Mapping (YAML): next month's file converts in one step with it",
    },
    "web.result.to_mapping": {"ja": "対応付けを直す", "en": "Change the mapping"},
    "web.result.none": {
        "ja": "まだ変換していません。対応付けフォームから変換してください。",
        "en": "Nothing converted yet: convert from the mapping form.",
    },
    "web.convert.no_mapping": {
        "ja": "マッピングがありません。対応付けフォームを開いてください。",
        "en": "No mapping yet: open the mapping form.",
    },
    "web.error.heading": {"ja": "処理できませんでした", "en": "Could not do that"},
    "web.error.home": {"ja": "最初の画面へ", "en": "To the start page"},
    "web.csrf": {
        "ja": "フォームの確認用の値が無いか、正しくありません。ページを開き直してからもう一度送信してください。",
        "en": "The form's security token is missing or wrong. Reload the page and send again.",
    },
    "web.not_found": {"ja": "ページが見つかりません。", "en": "Page not found."},
    "web.not_allowed": {
        "ja": "この操作はできません（送信の方法が違います）。",
        "en": "This action is not allowed (wrong method).",
    },
    "web.download.missing": {
        "ja": "このファイルはまだ作られていません。",
        "en": "This file has not been made yet.",
    },
    "web.upload.too_large": {
        "ja": "ファイルが大きすぎます（上限 {limit} MB）。ファイルを分けるか、管理者に上限の変更を依頼してください。",
        "en": "The file is too large (limit {limit} MB). Split it, or ask for a higher limit.",
    },
    "web.upload.mapping_too_large": {
        "ja": "マッピングのファイルが大きすぎます（上限 1 MB）。",
        "en": "The mapping file is too large (limit 1 MB).",
    },
    "web.upload.field_too_large": {
        "ja": "フォームの値が長すぎます: {name}",
        "en": "A form value is too long: {name}",
    },
    "web.upload.no_file": {
        "ja": "ファイルが選ばれていません。CSV・XLSX・XML のファイルを選んでください。",
        "en": "No file was chosen. Choose a CSV, XLSX or XML file.",
    },
    "web.upload.not_multipart": {
        "ja": "ファイルの送信形式が正しくありません（multipart/form-data で送ってください）。",
        "en": "The upload is not multipart/form-data.",
    },
    "web.upload.broken": {
        "ja": "送信されたデータが壊れています。もう一度アップロードしてください。",
        "en": "The upload is broken. Upload again.",
    },
    "web.api.description": {
        "ja": "stdschema の作業画面の API: 検証、マッピングの提案、変換。",
        "en": "The stdschema workbench API: validate a file, suggest a mapping, convert. "
        "Each request is multipart/form-data; nothing is kept after the answer.",
    },
    "web.api.need_dataset": {
        "ja": "dataset を指定してください（例: aed_locations@v2）。",
        "en": "Give dataset (e.g. aed_locations@v2).",
    },
    "web.api.need_mapping_or_dataset": {
        "ja": "mapping（YAML ファイル）か dataset を指定してください。",
        "en": "Give mapping (a YAML file) or dataset.",
    },
    # --- web: mapping form and preview (issue 15) ---
    "form.no_transform": {"ja": "変換しない", "en": "no transform"},
    "form.required": {"ja": "必須", "en": "required"},
    "form.optional": {"ja": "省略可", "en": "optional"},
    "form.argument_part": {"ja": "{name}（{need}）: {text}", "en": "{name} ({need}): {text}"},
    "form.argument_list": {"ja": " / ", "en": " / "},
    "form.argument_hint": {
        "ja": "引数 {arguments}　入力例: {example}",
        "en": "argument {arguments}; e.g. {example}",
    },
    "form.example_argument": {"ja": "（引数: {argument}）", "en": " (argument: {argument})"},
    "form.list_separator": {"ja": "、", "en": ", "},
    "form.kept_source": {"ja": "入力列「{source}」", "en": "input column {source!r}"},
    "form.kept_concat": {
        "ja": "列 {columns} を「{separator}」でつなぐ",
        "en": "columns {columns} joined with {separator!r}",
    },
    "form.kept_constant": {"ja": "固定値「{value}」", "en": "the fixed value {value!r}"},
    "form.kept_map": {"ja": "値の置き換え {pairs}", "en": "value map {pairs}"},
    "form.kept_transforms": {"ja": "変換 {transforms}", "en": "transforms {transforms}"},
    "form.kept_default": {"ja": "空欄なら「{value}」", "en": "{value!r} when blank"},
    "form.kept_rule": {
        "ja": "{rule}（そのまま使います）",
        "en": "{rule} (kept as it is)",
    },
    "form.weak_candidate": {
        "ja": "候補「{source}」は確からしさ {value} と低いため、設定していません",
        "en": "candidate {source!r} is not set: its confidence {value} is low",
    },
    "form.from_saved": {"ja": "保存したマッピングのとおり", "en": "as in the saved mapping"},
    "form.chosen": {"ja": "画面で選んだ設定", "en": "chosen in the form"},
    "form.unknown_transform": {
        "ja": "「{name}」という変換はありません。一覧から選んでください",
        "en": "there is no transform {name!r}; pick one from the list",
    },
    "form.unknown_source": {
        "ja": "「{name}」は入力ファイルの列にありません。一覧から選んでください",
        "en": "{name!r} is not a column of the input file; pick one from the list",
    },
    "form.takes_no_argument": {
        "ja": "変換 {name} は引数を取りません。引数の欄を空にしてください",
        "en": "the transform {name} takes no argument; clear the argument field",
    },
    "form.argument_unreadable": {
        "ja": "引数「{argument}」を読み取れません。入力例のように書いてください",
        "en": "the argument {argument!r} cannot be read; write it as in the example",
    },
    "form.argument_too_long": {
        "ja": "引数が長すぎます（{limit} 文字まで）",
        "en": "the argument is too long (at most {limit} characters)",
    },
    "form.field_too_long": {
        "ja": "送られた値が長すぎます。一覧から選んでください",
        "en": "the value sent is too long; pick one from the list",
    },
    "form.control_characters": {
        "ja": "制御文字は使えません。見える文字だけで書いてください",
        "en": "control characters cannot be used; write visible characters only",
    },
    "form.transform_needs_source": {
        "ja": "変換や引数を使うには、先に入力列を選んでください",
        "en": "pick an input column before a transform or an argument",
    },
    "form.argument_needs_transform": {
        "ja": "引数を使うには変換を選んでください（変換しないなら引数の欄を空にします）",
        "en": "pick a transform for this argument (or clear the argument field)",
    },
    "form.yaml_title": {
        "ja": "`stdschema serve` のマッピング画面で作ったマッピングです。次回は --mapping に渡すか、画面でアップロードしてください。",
        "en": "Mapping made in the mapping form of `stdschema serve`; pass it to --mapping "
        "or upload it in the form next time.",
    },
    "form.problem_line": {"ja": "{line} 行目: {reasons}", "en": "line {line}: {reasons}"},
    # --- remote inputs, CKAN catalogues and state (issue 16) ---
    "catalog.html.problem": {"ja": "内容", "en": "Problem"},
    "remote.fetch_failed": {
        "ja": "{url} を取得できませんでした: {reason}",
        "en": "could not fetch {url}: {reason}",
    },
    "remote.fetch_failed_here": {
        "ja": "取得できませんでした: {reason}",
        "en": "could not be fetched: {reason}",
    },
    "remote.reason.status": {
        "ja": "サーバーの応答が HTTP {status} でした",
        "en": "the server answered HTTP {status}",
    },
    "remote.reason.timeout": {
        "ja": "{seconds} 秒待っても応答がありませんでした",
        "en": "no answer within {seconds} s",
    },
    "remote.reason.connection": {
        "ja": "接続できませんでした（{detail}）",
        "en": "connection failed ({detail})",
    },
    "remote.reason.too_large": {
        "ja": "上限の {limit} MB を超えています（--max-mb で変えられます）",
        "en": "larger than the {limit} MB cap (change it with --max-mb)",
    },
    "remote.reason.not_found": {"ja": "見つかりません", "en": "not found"},
    "remote.reason.permission": {
        "ja": "読み取りの権限がありません",
        "en": "permission denied",
    },
    "remote.extra_missing": {
        "ja": "{url} を読むには追加のパッケージが必要です: pip install 'stdschema[remote]'",
        "en": "reading {url} needs the remote extra: install 'stdschema[remote]'",
    },
    "remote.protocol_missing": {
        "ja": "{protocol}:// を読むためのパッケージがありません（s3:// なら s3fs、gs:// なら gcsfs を"
        "インストールしてください）",
        "en": "no package installed for {protocol}:// (s3:// needs s3fs, gs:// needs gcsfs)",
    },
    "catalog.portal_unreachable": {
        "ja": "カタログサイト {portal} に接続できません: {reason}",
        "en": "cannot reach the catalogue {portal}: {reason}",
    },
    "catalog.portal_not_ckan": {
        "ja": "{portal} は CKAN の API に応答しません（{action} の応答が CKAN の形式ではありません）",
        "en": "{portal} does not answer as a CKAN API ({action} gave no CKAN result)",
    },
    "catalog.portal_refused": {
        "ja": "カタログサイトが {action} を受け付けませんでした: {reason}",
        "en": "the catalogue refused {action}: {reason}",
    },
    "catalog.bad_url": {
        "ja": "カタログサイトの URL は http:// か https:// で始めてください: {url}",
        "en": "the catalogue URL must start with http:// or https://: {url}",
    },
    "catalog.skipped_format": {
        "ja": "検査の対象外の形式です（{format}）。CSV・XLSX・XML だけを検査します",
        "en": "not a checked format ({format}); only CSV, XLSX and XML are checked",
    },
    "catalog.summary": {
        "ja": "{resources} 件のリソース: 検査 {checked} 件（問題なし {valid} 件）、取得失敗 {failed} 件、"
        "対象外 {skipped} 件、前回の結果を使用 {reused} 件",
        "en": "{resources} resources: {checked} checked ({valid} valid), {failed} could not be "
        "fetched, {skipped} skipped, {reused} reused from the state",
    },
    "catalog.written": {
        "ja": "カタログの検査結果を {path} に書き出しました",
        "en": "wrote the catalogue report to {path}",
    },
    "catalog.binary_needs_output": {
        "ja": "--format {format} はファイルに書き出します。-o FILE を指定してください",
        "en": "--format {format} is written to a file: give -o FILE",
    },
    "catalog.html.title": {"ja": "カタログの検査結果", "en": "Catalogue check"},
    "catalog.html.portal": {"ja": "カタログサイト", "en": "Portal"},
    "catalog.html.totals": {"ja": "集計", "en": "Totals"},
    "catalog.html.ranking": {
        "ja": "多い問題（該当ファイル数の順）",
        "en": "Most common problems (by files affected)",
    },
    "catalog.html.publisher": {"ja": "公開者", "en": "Publisher"},
    "catalog.html.dataset": {"ja": "データセット", "en": "Dataset"},
    "catalog.html.resource": {"ja": "リソース", "en": "Resource"},
    "catalog.html.format": {"ja": "形式", "en": "Format"},
    "catalog.html.detected": {"ja": "判定（データセット@版）", "en": "Detected (dataset@edition)"},
    "catalog.html.result": {"ja": "結果", "en": "Result"},
    "catalog.html.errors": {"ja": "エラー", "en": "Errors"},
    "catalog.html.warnings": {"ja": "警告", "en": "Warnings"},
    "catalog.html.codes": {"ja": "問題の種類（件数）", "en": "Problems by code"},
    "catalog.html.last_modified": {"ja": "最終更新", "en": "Last modified"},
    "catalog.html.code": {"ja": "問題コード", "en": "Code"},
    "catalog.html.files": {"ja": "ファイル数", "en": "Files"},
    "catalog.html.occurrences": {"ja": "件数", "en": "Occurrences"},
    "catalog.result.valid": {"ja": "問題なし", "en": "valid"},
    "catalog.result.invalid": {"ja": "問題あり", "en": "problems"},
    "catalog.result.failed": {"ja": "取得失敗", "en": "fetch failed"},
    "catalog.result.unreadable": {"ja": "読めません", "en": "unreadable"},
    "catalog.result.skipped": {"ja": "対象外", "en": "skipped"},
    "catalog.total.resources": {"ja": "リソース", "en": "Resources"},
    "catalog.total.checked": {"ja": "検査したもの", "en": "Checked"},
    "catalog.total.valid": {"ja": "問題なし", "en": "Valid"},
    "catalog.total.invalid": {"ja": "問題あり", "en": "With problems"},
    "catalog.total.failed": {"ja": "取得・読み取りの失敗", "en": "Fetch or read failed"},
    "catalog.total.skipped": {"ja": "対象外", "en": "Skipped"},
    "catalog.total.reused": {"ja": "前回の結果を使用", "en": "Reused from the state"},
    "catalog.xlsx.resources": {"ja": "リソース", "en": "Resources"},
    "catalog.xlsx.ranking": {"ja": "多い問題", "en": "Ranking"},
    "catalog.xlsx.url": {"ja": "URL", "en": "URL"},
    "catalog.xlsx.error": {"ja": "取得・読み取りのエラー", "en": "Fetch or read error"},
    "state.unusable": {
        "ja": "--state のフォルダ {path} を使えません: {reason}",
        "en": "cannot use the --state folder {path}: {reason}",
    },
    "help.catalog": {
        "ja": "CKAN のカタログサイトが公開するファイルをまとめて検査します。",
        "en": "Check every file a CKAN catalogue publishes.",
    },
    "help.catalog.validate": {
        "ja": "CKAN のカタログサイト（BODIK など）の CSV・XLSX・XML のリソースを取得して検査し、"
        "公開者・データセットごとの結果と、多い問題の順位を1つの報告にまとめます。"
        "終了コード: 0 すべて問題なし、1 問題あり、2 使い方の誤りまたはサイトに接続できない。",
        "en": "Fetch and check the CSV, XLSX and XML resources of a CKAN catalogue (BODIK and "
        "others) and write one report: per publisher and dataset, and the most common "
        "problems. Exit codes: 0 all valid, 1 problems, 2 usage error or unreachable portal.",
    },
    "help.catalog.url": {
        "ja": "カタログサイトの URL（例: https://data.bodik.jp）。",
        "en": "The catalogue's URL (e.g. https://data.bodik.jp).",
    },
    "help.catalog.organization": {
        "ja": "この組織（公開者）のデータセットだけを検査します（CKAN の組織名）。",
        "en": "Only this organisation's datasets (the CKAN organisation name).",
    },
    "help.catalog.tag": {
        "ja": "このタグの付いたデータセットだけを検査します。",
        "en": "Only datasets with this tag.",
    },
    "help.catalog.dataset_name": {
        "ja": "この名前のデータセットだけを検査します（CKAN のデータセット名）。",
        "en": "Only the dataset of this name (the CKAN dataset name).",
    },
    "help.catalog.format": {
        "ja": "報告の形式（json、html、xlsx）。",
        "en": "Report format (json, html, xlsx).",
    },
    "help.catalog.output": {
        "ja": "報告を書き出すファイル（省略すると画面に表示。xlsx では必須）。",
        "en": "File to write the report to (default: stdout; required for xlsx).",
    },
    "help.catalog.state": {
        "ja": "検査を終えたリソースを記録するフォルダ。次の実行では、変わっていないものを"
        "取得も検査もしません（中断した実行の続きにも使えます）。",
        "en": "Folder recording finished resources: the next run fetches and checks only what "
        "changed (also resumes an interrupted run).",
    },
    "help.catalog.jobs": {
        "ja": "同時に取得・検査するファイルの数。",
        "en": "Files fetched and checked at the same time.",
    },
    "help.catalog.dask": {
        "ja": "Dask でファイルを分散して取得・検証します: local（CPU の数だけワーカー、--jobs N があれば N）、"
        "local:N、または既存のスケジューラー tcp://ホスト:ポート。各ワーカーが自分でファイルを取得します。"
        "pip install 'stdschema[dask]' が必要です",
        "en": "Fetch and check files on Dask: local (one worker a CPU, or --jobs N), local:N, or an "
        "existing scheduler tcp://HOST:PORT; each worker fetches its own files. Needs pip "
        "install 'stdschema[dask]'.",
    },
    "help.catalog.max_mb": {
        "ja": "1ファイルの大きさの上限（MB）。超えるものは取得失敗として報告します。",
        "en": "Size cap of one file in MB; larger ones are reported as fetch failures.",
    },
    "help.catalog.timeout": {
        "ja": "応答を待つ秒数（超えると再試行し、それでも駄目なら取得失敗）。",
        "en": "Seconds to wait for data (then retried, then reported as a fetch failure).",
    },
    "help.catalog.schema": {
        "ja": "カタログの検査結果（JSON）の JSON Schema を表示します。",
        "en": "Print the JSON Schema of the catalogue report (JSON).",
    },
    # --- runner: --jobs and Dask (issue 16) ---
    "validate.progress.rows": {"ja": "{task.completed:,} 行", "en": "{task.completed:,} rows"},
    "validate.progress.files": {
        "ja": "{task.completed:,} / {task.total:,} ファイル",
        "en": "{task.completed:,} / {task.total:,} files",
    },
    "runner.failed": {
        "ja": "検証の途中でエラーが起きました（{kind}: {error}）",
        "en": "the check failed ({kind}: {error})",
    },
    "runner.worker_lost": {
        "ja": "このファイルを検証していたワーカーが止まり、やり直しても終わりませんでした（{error}）",
        "en": "the worker checking this file stopped and the retries did not finish it ({error})",
    },
    "runner.dask_missing": {
        "ja": "--dask には Dask が必要です。pip install 'stdschema[dask]' で入れてください",
        "en": "--dask needs Dask: install it with pip install 'stdschema[dask]'",
    },
    "runner.dask_address": {
        "ja": "--dask の指定「{value}」が読み取れません。local、local:N（N はワーカー数）または tcp://ホスト:ポート と書いてください",
        "en": "cannot read --dask {value!r}: write local, local:N (N workers) or tcp://HOST:PORT",
    },
    "runner.dask_unreachable": {
        "ja": "Dask のスケジューラー {address} につながりませんでした（{error}）。dask scheduler が動いているか、アドレスとポートを確かめてください",
        "en": "could not reach the Dask scheduler {address} ({error}); "
        "check that dask scheduler is running and the address and port",
    },
    "runner.dask_no_workers": {
        "ja": "Dask のスケジューラー {address} にワーカーが {seconds} 秒待ってもつながりません。dask worker {address} でワーカーを起動してください",
        "en": "the Dask scheduler {address} has no workers after {seconds} s; "
        "start some with dask worker {address}",
    },
    "runner.dask_start_failed": {
        "ja": "ローカルの Dask クラスターを起動できませんでした（{error}）",
        "en": "could not start a local Dask cluster ({error})",
    },
    "runner.jobs_and_dask": {
        "ja": "--jobs {jobs} と --dask {address} は同時に使えません。ワーカー数は --dask local:N で指定してください（tcp:// のクラスターではクラスター側で決まります）",
        "en": "--jobs {jobs} and --dask {address} cannot be used together: give the number of "
        "workers as --dask local:N (a tcp:// cluster has its own)",
    },
    "help.validate.dask": {
        "ja": "Dask でファイルを分散して検証します: local（CPU の数だけワーカー、--jobs N があれば N）、local:N（N ワーカー）、または既存のスケジューラー tcp://ホスト:ポート。結果の順序と内容は --jobs と同じです。pip install 'stdschema[dask]' が必要です",
        "en": "Check files on Dask: local (one worker a CPU, or --jobs N), local:N (N workers), "
        "or an existing scheduler tcp://HOST:PORT. The report is the same, in the same order, "
        "as with --jobs. Needs pip install 'stdschema[dask]'.",
    },
}


def default_lang() -> Lang:
    """Language from ``STDSCHEMA_LANG`` (``ja`` or ``en``), Japanese otherwise."""
    return "en" if os.environ.get("STDSCHEMA_LANG", "").lower().startswith("en") else "ja"


def t(key: str, lang: Lang | None = None, **values: object) -> str:
    """The catalogue text of ``key`` in ``lang``, formatted with ``values``."""
    entry = CATALOGUE[key]
    text = entry[lang or default_lang()]
    return text.format(**values) if values else text


class CatalogueError(Exception):
    """An error whose message is a catalogue entry: ``localized(lang)`` words it for a
    person (the CLI's one-line errors use it); ``str()`` is the English text, for logs and
    library callers."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.localized("en"))

    def localized(self, lang: Lang | None = None) -> str:
        return t(self.key, lang, **self.values)

    def message_in(self, lang: Lang | None = None) -> str:
        """The message where a report's entry already names the file: the whole one, unless
        an error repeats the file's name in it (a URL that could not be fetched)."""
        return self.localized(lang)
