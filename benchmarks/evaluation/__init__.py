"""The reading-quality evaluation of issues 13, 14 and 18 (``scripts/eval-corpus``, ``make eval``).

It reads documents only through the library's public API (:func:`cancu.pipeline.extract_file`,
:func:`cancu.pipeline.build` and the records of :mod:`cancu.extract.records`), so it keeps
working while the extractor is rewritten. ``benchmarks/EVAL.md`` defines every figure.
"""
