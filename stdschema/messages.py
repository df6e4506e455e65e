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
    "detect.not_recognised": {
        "ja": "標準データセットとして認識できません（最も近い候補: {nearest}）",
        "en": "not recognised as a standard dataset (nearest: {nearest})",
    },
    "detect.by": {"ja": "{method}により判定", "en": "by {method}"},
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
}


def default_lang() -> Lang:
    """Language from ``STDSCHEMA_LANG`` (``ja`` or ``en``), Japanese otherwise."""
    return "en" if os.environ.get("STDSCHEMA_LANG", "").lower().startswith("en") else "ja"


def t(key: str, lang: Lang | None = None, **values: object) -> str:
    """The catalogue text of ``key`` in ``lang``, formatted with ``values``."""
    entry = CATALOGUE[key]
    text = entry[lang or default_lang()]
    return text.format(**values) if values else text
