#!/usr/bin/python3
"""An independent safetensors reader and writer in a few lines of numpy, to check @qkv/core's safetensors.ts.

    /usr/bin/python3 tools/oracle/safetensors_np.py read FILE
        prints {"metadata": {...}, "tensors": {name: {"dtype", "shape", "values"}}} as JSON (values widened to
        float64, row-major; NaN/inf as the strings "NaN", "Infinity", "-Infinity")
    /usr/bin/python3 tools/oracle/safetensors_np.py write-sample DIR
        writes DIR/numpy_sample.safetensors and DIR/numpy_sample.json (the float64 values each tensor was made
        from and the values numpy stored)

Layout: 8-byte little-endian u64 header length N, N bytes of UTF-8 JSON (space-padded to a multiple of 8), then
the tensors' raw little-endian bytes at their data_offsets.
"""

import json
import math
import os
import struct
import sys

import numpy as np

DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2"}


def finite_or_str(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def read(path):
    with open(path, "rb") as f:
        b = f.read()
    (n,) = struct.unpack("<Q", b[:8])
    header = json.loads(b[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    data = b[8 + n:]
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        arr = np.frombuffer(data[begin:end], dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        values = [finite_or_str(float(v)) for v in arr.astype(np.float64).ravel()]
        tensors[name] = {"dtype": info["dtype"], "shape": list(arr.shape), "values": values}
    return {"metadata": metadata, "tensors": tensors}


def write(path, arrays, metadata):
    """arrays: name -> (dtype code, float64 ndarray), stored back to back in this order."""
    header, chunks, offset = {"__metadata__": metadata}, [], 0
    for name, (code, arr) in arrays.items():
        with np.errstate(over="ignore"):  # values beyond float16's range become +-inf, as intended
            raw = np.ascontiguousarray(arr.astype(DTYPES[code])).tobytes()
        header[name] = {"dtype": code, "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def write_sample(out_dir):
    rng = np.random.default_rng(5)
    h = 2.0 ** -11  # half a float16 ulp at 1
    f16 = [0.0, -0.0, 1.0, 1 + h, 1 + 3 * h, -(1 + 5 * h), 0.1, -3.14159, 65504.0, 65519.99, 65520.0, -7e4,
           2.0 ** -24, 2.0 ** -25, 3 * 2.0 ** -25, 1e-7, 6.1e-5, 6.103515625e-05, 1e-8]
    arrays = {
        "f64.matrix": ("F64", rng.standard_normal((2, 3))),
        "f32.vector": ("F32", rng.standard_normal(5) * 100),
        "f16.rounding": ("F16", np.array(f16)),
        "f16.matrix": ("F16", rng.standard_normal((3, 4))),
        "scalar": ("F32", np.array(2.5)),
        "empty": ("F32", np.zeros((0, 3))),
    }
    metadata = {"format": "pt", "written_by": "numpy " + np.__version__, "note": "ünïcode ok"}
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "numpy_sample.safetensors")
    write(path, arrays, metadata)
    doc = {"metadata": metadata,
           "source": {n: {"dtype": c, "shape": list(a.shape), "values": [finite_or_str(float(v)) for v in a.ravel()]}
                      for n, (c, a) in arrays.items()},
           "stored": read(path)["tensors"]}
    with open(os.path.join(out_dir, "numpy_sample.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, ensure_ascii=False, allow_nan=False) + "\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "read":
        print(json.dumps(read(sys.argv[2]), ensure_ascii=False, allow_nan=False))
    elif len(sys.argv) == 3 and sys.argv[1] == "write-sample":
        write_sample(sys.argv[2])
    else:
        sys.exit(__doc__)
