"""Reading one of the package's data files: `rules.py`, `lenders.py` and `laws.py` read theirs the
same way, through ``read``.

``read(beside, name, override_variable, packed=None)`` -> the file's tables as a dict, in file order:
  - the TOML file that the environment variable `override_variable` names, when it is set (for
    trying a change to the data, and for tests);
  - else `packed`, the same data converted to JSON at build time, when that file is in the folder
    of `beside` (the browser's copy of the package, build_scripts/pack_calculators.py: Pyodide then
    reads it without importing and running tomllib);
  - else the TOML file `name` in the folder of `beside`.
`beside` is the calling module's `__file__`, read when it calls (tests point it at another folder).
"""

import json
import os
from pathlib import Path


def read(beside, name, override_variable, packed=None):
    override = os.environ.get(override_variable)
    if override:
        return _toml(Path(override))
    if packed:
        packed_path = Path(beside).with_name(packed)
        if packed_path.is_file():
            return json.loads(packed_path.read_text(encoding="utf-8"))
    return _toml(Path(beside).with_name(name))


def _toml(path):
    import tomllib  # only here: the browser reads the packed JSON

    return tomllib.loads(path.read_text(encoding="utf-8"))
