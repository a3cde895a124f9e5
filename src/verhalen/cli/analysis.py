"""Analysis commands: ``compare`` (per practice or role) and ``search`` (words, then meaning)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from verhalen.cli.common import workbench
from verhalen.domain import ROLES

EXPORT_FORMATS = ("csv", "xlsx", "qdpx", "qdc", "matrix")


def cmd_compare(args: argparse.Namespace) -> int:
    from verhalen.app.units import Selection, compare_json

    selection = Selection(source="coder", coder=args.coder) if args.coder else Selection()
    result = compare_json(workbench(args), args.by, args.unit, selection)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for code, row in result["table"].items():
            print(code, " ".join(f"{g}={v:g}" for g, v in row.items()))
        if "chi2" in result:
            print(f"chi2={result['chi2']} p={result['p']} dof={result['dof']} V={result['cramers_v']}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from verhalen.analysis.search import SearchFilter
    from verhalen.app.explore import search_fragments

    where = SearchFilter(args.practice, args.role, args.code, args.contains)
    hits = search_fragments(workbench(args), args.query, like=args.like, where=where, limit=args.limit)
    for hit in hits:
        row = {
            "fragment_id": hit.fragment.id,
            "story_id": hit.story.id,
            "practice": hit.story.practice,
            "role": hit.story.role,
            "similarity": round(hit.score, 4),
            "codes": sorted(hit.codes),
            "text": hit.fragment.text,
            # the other fragments with the same text (case and white space aside): one line per passage
            "same": [{"fragment_id": h.fragment.id, "story_id": h.story.id} for h in hit.same],
        }
        print(json.dumps(row, ensure_ascii=False))
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("compare", help="codes per praktijk of rol, met chi-kwadraattoets")
    p.add_argument("--by", choices=["practice", "role"], required=True)
    p.add_argument("--unit", choices=["fragment", "story", "per1000"], default="fragment")
    p.add_argument("--coder", default=None, help="alleen de bevestigingen van deze codeur")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_compare)

    p = sub.add_parser(
        "search", help='zoek fragmenten op betekenis (JSON per passage; gelijke teksten in "same")'
    )
    p.add_argument("query", nargs="?", default="", help="zoekvraag in gewone taal")
    p.add_argument("--like", type=int, default=None, metavar="FRAGMENT_ID", help="lijkt op dit fragment")
    p.add_argument("--practice", default=None)
    p.add_argument("--role", choices=ROLES, default=None)
    p.add_argument("--code", default=None, help="alleen fragmenten met deze bevestigde code")
    p.add_argument("--contains", default="", help="alleen fragmenten met deze letters")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(handler=cmd_search)
