"""The content as the Lambda build ships it: JSON, stamped with the CRC-32 of its text.

Importing tomllib alone costs about 15 ms of a cold start, json.loads of this file 0.2 ms. The
build validates the TOML completely and stamps the JSON it writes; a cold start that finds the
stamp matching skips the per-field checks (about 3 ms). Any other .json file, or a compiled one
edited after the build (its stamp no longer matches), is validated like the TOML.
"""

from __future__ import annotations

import json
import os
import zlib
from typing import Any

# A compiled file is {"validated_crc32":N,"content":{...}}: N is the CRC-32 of the content's
# JSON text exactly as compile_content wrote it, after validating the TOML it came from.
_STAMP, _BODY = '{"validated_crc32":', ',"content":'


def compile_content(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Validate the TOML content file and write the same data as stamped JSON (for the Lambda build)."""
    import tomllib

    from .validation import load_content  # here: validation reads compiled files with this module

    load_content(source)  # refuse to build from a broken file
    with open(source, encoding="utf-8") as file:
        raw = tomllib.loads(file.read())
    body = json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
    with open(target, "w", encoding="utf-8") as file:
        file.write(f"{_STAMP}{zlib.crc32(body.encode())}{_BODY}{body}}}")


def _unwrap_compiled(text: str, raw: Any) -> tuple[Any, bool]:
    """The content in a parsed .json file, and whether it is byte for byte what
    compile_content validated and wrote (a plain JSON content file is returned as it is)."""
    if not (isinstance(raw, dict) and raw.keys() == {"validated_crc32", "content"}):
        return raw, False
    head, _, rest = text.partition(_BODY)
    body = rest[:-1] if rest.endswith("}") else ""
    stamp = raw["validated_crc32"]
    matches = head == f"{_STAMP}{stamp}" and zlib.crc32(body.encode()) == stamp
    return raw["content"], matches
