#!/usr/bin/env python3
"""An example auditlint plugin (protocol auditlint-plugin/1): a local scoring rule.

Local rule (本地评分细则): a 满意度 indicator whose 实际完成值 is below the
threshold (default 90%) may not receive its full 分值.

auditlint writes {"protocol", "plugin", "file", "options", "report"} on stdin,
where "report" is the model `auditlint dump FILE` prints, and reads
{"protocol": "auditlint-plugin/1", "diagnostics": [...]} from stdout.
"""
import json
import re
import sys
from decimal import Decimal, InvalidOperation

PROTOCOL = "auditlint-plugin/1"


def number(value):
    """The number a cell prints ("85%", "4.00"), or None. "≥80%" is a restated
    target, not a measurement, so it is not a number here."""
    if not value:
        return None
    text = value.get("text", "").strip().replace(",", "").replace("，", "")
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(%|％)?", text)
    if not m:
        return None
    try:
        return Decimal(m.group(1)), bool(m.group(2))
    except InvalidOperation:
        return None


def location(value, row):
    loc = (value or {}).get("location") or row.get("location") or {}
    return {k: loc[k] for k in ("line", "column", "table", "row", "cell", "paragraph", "sheet", "cellRef") if k in loc}


def main():
    request = json.load(sys.stdin)
    if request.get("protocol") != PROTOCOL:
        print(f"unsupported protocol {request.get('protocol')}", file=sys.stderr)
        return 3
    threshold = Decimal(str(request.get("options", {}).get("threshold", "90")))
    diagnostics = []
    for form in request["report"].get("forms", []):
        table = form.get("indicators")
        if not table:
            continue
        for row in table.get("rows", []):
            name = row.get("name", {}).get("text", "")
            if "满意" not in name:
                continue
            actual, weight, score = number(row.get("actual")), number(row.get("weight")), number(row.get("score"))
            if not (actual and actual[1] and weight and score):
                continue
            if actual[0] < threshold and score[0] >= weight[0]:
                diagnostics.append({
                    "rule": "satisfaction-full-score",
                    "severity": "warning",
                    "message": f"本地评分细则：满意度指标「{name.strip()}」实际完成值 {actual[0]}% 低于 {threshold}%，"
                               f"不得满分，但得分 {score[0]} 等于分值 {weight[0]}",
                    "location": location(row.get("score"), row),
                    "related": [{"location": location(row.get("actual"), row), "message": "实际完成值"}],
                    "expected": f"< {weight[0]}",
                    "actual": str(score[0]),
                    "subject": f"{form.get('title', '')}/{name.strip()}/satisfaction-full-score",
                })
    json.dump({"protocol": PROTOCOL, "diagnostics": diagnostics}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
