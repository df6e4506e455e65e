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
    "detect.by": {"ja": "{method}により判定", "en": "by {method}"},
    "detect.not_modelled": {
        "ja": "標準の様式ですが、このデータセットのモデルはありません（最も近い候補: {nearest}）",
        "en": "written in the standard's form, but no model of its dataset (nearest: {nearest})",
    },
    "detect.unreadable": {"ja": "読めません: {error}", "en": "cannot be read: {error}"},
    "method.header": {"ja": "見出し行", "en": "header"},
    "method.header+filename": {
        "ja": "見出し行（同点をファイル名で区別）",
        "en": "header, tie broken by file name",
    },
    "method.filename": {"ja": "ファイル名", "en": "file name"},
    "method.option": {"ja": "--dataset の指定", "en": "--dataset"},
    "method.xml": {"ja": "XML の指定", "en": "the XML's own declaration"},
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
        "ja": "判定: {method}、確度: {confidence}",
        "en": "detected by {method}, confidence {confidence}",
    },
    "report.detected_no_confidence": {"ja": "判定: {method}", "en": "detected by {method}"},
    "report.detected_by.option": {"ja": "--dataset の指定", "en": "the --dataset option"},
    "report.detected_by.header": {"ja": "見出し行", "en": "header"},
    "report.detected_by.filename": {"ja": "ファイル名", "en": "file name"},
    "report.detected_by.header+filename": {
        "ja": "見出し行とファイル名",
        "en": "header and file name",
    },
    "report.detected_by.xml": {"ja": "XML", "en": "XML"},
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
    # --- report: csv (issue 11) ---
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
    # --- conversion: map suggest (issue 12) ---
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
}


def default_lang() -> Lang:
    """Language from ``STDSCHEMA_LANG`` (``ja`` or ``en``), Japanese otherwise."""
    return "en" if os.environ.get("STDSCHEMA_LANG", "").lower().startswith("en") else "ja"


def t(key: str, lang: Lang | None = None, **values: object) -> str:
    """The catalogue text of ``key`` in ``lang``, formatted with ``values``."""
    entry = CATALOGUE[key]
    text = entry[lang or default_lang()]
    return text.format(**values) if values else text
