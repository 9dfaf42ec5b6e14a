"""Pin the numeric environment of a model rebuild, before numpy is imported.

OpenBLAS picks its kernels by CPU, and they sum in different orders: on a CPU with AVX-512
(OpenBLAS's SkylakeX kernels) a rebuild differs in the last bits from one made with the
Haswell (AVX2) kernels, and then a tree splits elsewhere (issue #17: ViMs CV 45.97 instead of
45.39, captions held-out P/R 0.968/0.596 instead of 0.972/0.601). The shipped scorer.json and
captions.json were built with the Haswell kernels, so a rebuild asks for those on every x86-64
CPU (any with AVX2 and FMA). Elsewhere (arm64) nothing is pinned.

numpy's own SIMD loops are left alone: disabling its AVX-512 loops (NPY_DISABLE_CPU_FEATURES)
changes np.log1p in the last bit and scorer.json with it.

A training script calls ``pin()`` first when run as a script (not when a test imports it); it
re-executes the script when numpy was already imported with another setting.
"""

from __future__ import annotations

import os
import platform
import sys

THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
X86 = {"OPENBLAS_CORETYPE": "Haswell"}


def pin() -> None:
    for var in THREADS:
        os.environ.setdefault(var, "1")  # small matrices: BLAS threads only contend
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return
    changed = any(os.environ.get(k) != v for k, v in X86.items())
    os.environ.update(X86)
    if changed and "numpy" in sys.modules and not os.environ.get("TOMTAT_NUMERIC_PINNED"):
        os.environ["TOMTAT_NUMERIC_PINNED"] = "1"
        os.execv(sys.executable, [sys.executable, *sys.argv])
