"""What the reader's quicker text paths are checked against: Arrow's own encodings, as the reader would give them."""
from __future__ import annotations

import numpy as np
import pyarrow.compute as pc


def arrow_codes(arrow):
    """`tabular.arrow_text_codes` as Arrow's dictionary encoding gives it: the codes and the distinct texts, a blank
    cell with no code (-1) rather than a distinct text."""
    encoded = pc.dictionary_encode(arrow)
    if hasattr(encoded, "combine_chunks"):
        encoded = encoded.combine_chunks()
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    words = encoded.dictionary.to_pylist()
    if "" in words:
        b = words.index("")
        codes = np.where(codes == b, -1, codes - (codes > b))
        words.remove("")
    return codes, words
