"""The printed tables: one line per document, then the folder's figures."""

from __future__ import annotations

MARK = {"right": "✓", "wrong": "✗", "missing": "–", "unscored": "·"}


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def document_line(row: dict) -> str:
    header = "".join(
        MARK[row["header"][k]["verdict"]] for k in ("number", "date", "type", "issuer", "signer")
    )
    bases = f"{row['bases']['f1']:.2f}" if "bases" in row else "  - "
    tasks = "+".join(str(n) for n in row["tasks"]["found"]) or "0"
    if row["tasks"].get("expected") is not None:
        tasks += "/" + "+".join(str(n) for n in row["tasks"]["expected"])
    ag = row["agencies"]
    agencies = f"{ag['unresolved']}/{ag['mentions']}" if ag else "-"
    status = "loaded" if row["loaded"] else ("read" if row["extracted"] else "FAILED")
    line = f"{row['file'][:44]:<44} {status:<6} {header:<5} {bases:>5} {tasks:>9} {agencies:>7} {row['warnings']:>4}"
    if row["error"]:
        line += f"  {row['error'][:110]}"
    return line


def summary_lines(name: str, s: dict) -> list[str]:
    h = s["header"]
    fields = "  ".join(
        f"{k} {_f(v['accuracy'])} ({v['right']}✓ {v['wrong']}✗ {v['missing']}–)"
        for k, v in h.items()
    )
    b, t, a, i, w = s["bases"], s["tasks"], s["agencies"], s["identity"], s["warnings"]
    sample = t["sample"]
    lines = [
        f"== {name}: {s['files']} files, {s['extracted']} read, {s['loaded']} loaded, {len(s['failed'])} failed"
        f" (extract {s['seconds']['extract']} s, build {s['seconds']['build']} s)",
        f"   header accuracy: {fields}",
        f"   all five header fields right: {s['all_header_fields_right']['documents']} of {s['all_header_fields_right']['of']}",
    ]
    if b["documents"]:
        lines.append(
            f"   legal bases ({b['documents']} documents, {b['reference']} in reference, {b['extracted']} extracted):"
            f" P {_f(b['precision'])} R {_f(b['recall'])} F1 {_f(b['f1'])}"
        )
    tables = t["tables_within_10pct"]
    line = f"   tasks: {t['rows_found']} rows found"
    if tables["of"]:
        line += f"; tables within 10 %: {tables['tables']} of {tables['of']}"
    if sample["found"]["rows"]:
        line += "; sample " + ", ".join(f"{k} {v['right']}/{v['rows']}" for k, v in sample.items())
    lines.append(line)
    lines.append(
        f"   agencies: {a['unresolved']} of {a['mentions']} task/duty mentions unresolved ({_f(a['unresolved_share'])}),"
        f" {a['all_unresolved']} of {a['all_mentions']} with articles and recipients;"
        f" issuer unresolved on {len(a['issuer_unresolved'])} documents; {a['other_province_mentions']} names of another province"
    )
    lines.append(
        f"   identity: {i['false_merges']} refused as 'the same document'; {len(i['placeholder_iris'])} placeholder IRIs"
        f" ({i['documents_with_placeholder_iri']} documents loaded with one); {i['loaded_without_number']} loaded without a number"
        + (f"; build failed: {i['build_error']}" if i.get("build_error") else "")
    )
    kinds = "; ".join(f"{k} ×{n}" for k, n in list(w["top_kinds"].items())[:5])
    lines.append(f"   warnings: {w['total']} ({_f(w['per_document'])} per document); top: {kinds}")
    return lines


def header_line() -> str:
    return f"{'file':<44} {'status':<6} {'NDTIS':<5} {'basF1':>5} {'tasks':>9} {'unres':>7} {'warn':>4}"
