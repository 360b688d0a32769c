"""A hostile article (script tags, attribute breakouts, javascript: links) for the report and app tests."""

from __future__ import annotations

import json
from pathlib import Path

PAYLOADS = ('<script>alert("xss")</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(document.cookie)")


def write_hostile(dir_: Path) -> Path:
    rec = {"id": "hostile-1", "outlet": 'Evil <script>alert("o")</script> Times',
           "title": 'Title "><img src=x onerror=alert(1)>',
           "authors": ["<b onmouseover=alert(2)>Mallory</b>"], "published": "2025-06-20",
           "url": "javascript:alert(document.cookie)",
           "text": ("Port officials said on Saturday that around 40 crew were rescued near Kessel. "
                    + PAYLOADS[0] + "\n\nGovernor Elena Markovic said \"" + PAYLOADS[1] + " is fine\".\n\n"
                    + "Click <a href=\"javascript:alert(3)\">here</a> " + PAYLOADS[2])}
    path = dir_ / "hostile.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return path
